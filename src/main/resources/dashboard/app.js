// The dashboard: loads what the API shows, keeps it current from the live stream, and asks before every action.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const FEED_LIMIT = 50;
  const NODES_EVERY_MS = 5000;
  let stopLive = null;
  let nodesTimer = null;
  let equityPlot = null;
  let fillsPlot = null;
  const listed = new Map();

  function showLogin(message) {
    if (stopLive) {
      stopLive();
      stopLive = null;
    }
    clearInterval(nodesTimer);
    $("app").hidden = true;
    $("logout").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
  }

  async function guarded(work) {
    try {
      return await work();
    } catch (e) {
      if (e instanceof Api.Unauthorized) {
        showLogin("the key was refused");
      } else {
        $("action-result").textContent = e.message;
      }
      return null;
    }
  }

  function badge(node, text, kind) {
    node.textContent = text;
    node.className = "badge " + kind;
  }

  function showKillSwitch(killSwitch) {
    const held = Object.entries(killSwitch.accounts || {}).map(([index, mode]) => index + ": " + mode);
    badge($("kill-state"), "kill switch: " + killSwitch.mode + (held.length ? " (" + held.join(", ") + ")" : ""),
      killSwitch.mode === "off" && held.length === 0 ? "ok" : "bad");
  }

  async function loadAccounts() {
    const rails = await Api.get("/api/rails");
    showKillSwitch(rails.kill_switch);
    const views = await Promise.all(rails.accounts.map(a => a.status === "unavailable" ? null
      : Api.call("GET", "/api/account/" + a.account_index).then(answer => answer.ok ? answer.json : null)));
    $("accounts").replaceChildren(...rails.accounts.map((a, i) => Views.account(a, views[i], actions)));
    loadEquity(rails.accounts.map(a => a.account_index));
    await loadNodes();
  }

  /** Each account's owner from the journal's lease rows, and the nodes; ownership moves without a live event. */
  async function loadNodes() {
    const answer = await Api.call("GET", "/api/nodes");
    const leases = answer.ok ? answer.json.leases : [];
    document.querySelectorAll("[data-owner]").forEach(node => node.replaceChildren(answer.ok
      ? Views.owner(leases.find(lease => String(lease.account_index) === node.dataset.owner)) : "unavailable"));
    $("nodes").replaceChildren(answer.ok ? Views.nodes(answer.json)
      : Views.el("p", { class: "bad" }, "unavailable"));
  }

  async function loadHealth() {
    const answer = await Api.call("GET", "/health");
    badge($("health"), answer.json.status, answer.json.status === "healthy" ? "ok" : "bad");
    $("health-checks").replaceChildren(Views.health(answer.json));
  }

  async function loadLeaders() {
    const answer = await Api.call("GET", "/api/leaders");
    $("leaders").replaceChildren(answer.status === 404 ? Views.el("p", { class: "note", id: "leaders-none" },
      "not configured") : answer.ok ? Views.leaders(answer.json) : Views.el("p", { class: "bad" }, "unavailable"));
  }

  async function loadFeed() {
    const page = await Api.get("/api/trades?limit=" + FEED_LIMIT);
    $("feed").tBodies[0].replaceChildren(...page.requests.map(r => Views.feedRow(r, openLifecycle)));
    listed.clear();
    page.requests.forEach(r => listed.set(r.request_id, r));
    drawFills([...listed.values()]);
  }

  /** A request whose state changed: its row replaced (or added on top), and its lifecycle if open. */
  async function requestChanged(event) {
    const detail = await Api.get("/api/trade/" + encodeURIComponent(event.request_id));
    const row = Views.feedRow(detail, openLifecycle);
    const old = $("request-" + detail.request_id);
    const body = $("feed").tBodies[0];
    if (old) {
      old.replaceWith(row);
    } else {
      body.prepend(row);
      while (body.rows.length > FEED_LIMIT) {
        body.deleteRow(-1);
      }
    }
    listed.set(detail.request_id, detail);
    const shown = new Set([...body.rows].map(tr => tr.id.slice("request-".length)));
    [...listed.keys()].filter(id => !shown.has(id)).forEach(id => listed.delete(id));
    drawFills([...listed.values()]);
    if ($("lifecycle-id").textContent === detail.request_id) {
      $("lifecycle-body").replaceChildren(Views.lifecycle(detail));
    }
    if (detail.state !== "queued") {
      loadAccounts();
    }
  }

  async function openLifecycle(requestId) {
    await guarded(async () => {
      const detail = await Api.get("/api/trade/" + encodeURIComponent(requestId));
      $("lifecycle-id").textContent = requestId;
      $("lifecycle-body").replaceChildren(Views.lifecycle(detail));
      $("lifecycle").hidden = false;
      $("lifecycle").scrollIntoView();
    });
  }

  async function act(question, method, path, body) {
    if (!window.confirm(question)) {
      return;
    }
    await guarded(async () => {
      const answer = await Api.post(path, body);
      $("action-result").textContent = "done: " + method + " " + path + " " + JSON.stringify(answer);
      if (answer && answer.mode !== undefined) {
        showKillSwitch(answer);
      }
      await loadAccounts();
    });
  }

  const actions = {
    kill: (mode, account) => act((mode === "flatten" ? "Flatten (close every position of) " : "Halt openings of ")
      + (account === undefined ? "ALL accounts" : "account " + account) + "?", "POST", "/api/kill",
    account === undefined ? { mode, reason: "operator: dashboard" }
      : { mode, account_index: account, reason: "operator: dashboard" }),
    resume: account => act("Resume " + (account === undefined ? "all accounts" : "account " + account) + "?", "POST",
      "/api/resume", account === undefined ? {} : { account_index: account }),
    close: (account, symbol) => act("Close the " + symbol + " position of account " + account + "?", "POST",
      "/api/trade", { account_index: account, symbol, trade_type: "close" }),
    protect: account => act("Run protection for account " + account + " now (re-place its stop-losses)?", "POST",
      "/api/protect", { account_index: account }),
  };

  function chartWidth() {
    return Math.min(560, document.body.clientWidth - 48);
  }

  async function loadEquity(accounts) {
    const answers = await Promise.all(accounts.map(a => Api.call("GET", "/api/equity/" + a + "?hours=24")));
    const series = answers.filter(a => a.ok).map(a => a.json);
    const times = [...new Set(series.flatMap(s => s.samples.map(p => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
    const data = [times, ...series.map(s => {
      const byTime = new Map(s.samples.map(p => [Date.parse(p.at) / 1000, Number(p.equity)]));
      return times.map(t => byTime.has(t) ? byTime.get(t) : null);
    })];
    // One sample (a fresh start) still gets an hour of axis around it; the equity axis is wide enough for 6 digits.
    const options = { width: chartWidth(), height: 220, spanGaps: true,
      scales: { x: { range: (u, min, max) => min === max ? [min - 1800, max + 1800] : [min, max] } },
      axes: [{}, { size: 70 }],
      series: [{}, ...series.map((s, i) => ({ label: "account " + s.account_index, stroke: ["#1f77b4", "#d62728",
        "#2ca02c", "#9467bd"][i % 4] }))] };
    if (equityPlot) {
      equityPlot.destroy();
    }
    equityPlot = new uPlot(options, data, $("equity-chart"));
  }

  function drawFills(requests) {
    const counts = new Map();
    requests.filter(r => r.state === "filled" || r.state === "partially_filled")
      .forEach(r => counts.set(r.request.symbol, (counts.get(r.request.symbol) || 0) + 1));
    const symbols = [...counts.keys()].sort();
    const data = [symbols.map((_, i) => i), symbols.map(s => counts.get(s))];
    const options = { width: chartWidth(), height: 220, scales: { x: { time: false } },
      axes: [{ values: (u, ticks) => ticks.map(t => symbols[t] || "") }, {}],
      series: [{}, { label: "fills", fill: "#1f77b455", stroke: "#1f77b4", paths: uPlot.paths.bars({ size: [0.6] }) }] };
    if (fillsPlot) {
      fillsPlot.destroy();
    }
    fillsPlot = new uPlot(options, data, $("fills-chart"));
  }

  async function start() {
    $("login").hidden = true;
    const ok = await guarded(async () => {
      await loadAccounts();
      return true;
    });
    if (!ok) {
      return;
    }
    $("app").hidden = false;
    $("logout").hidden = !Api.hasKey();
    await guarded(() => Promise.all([loadFeed(), loadHealth(), loadLeaders()]));
    clearInterval(nodesTimer);
    nodesTimer = setInterval(() => guarded(loadNodes), NODES_EVERY_MS);
    stopLive = Api.live({
      request: event => guarded(() => requestChanged(event)),
      kill_switch: killSwitch => {
        showKillSwitch(killSwitch);
        guarded(loadAccounts);
      },
      health: () => guarded(loadHealth),
    }, state => {
      badge($("live-state"), "live: " + state, state === "live" ? "ok" : "warn");
      if (state === "unauthorized") {
        showLogin("the key was refused");
      }
    });
  }

  $("login-form").addEventListener("submit", event => {
    event.preventDefault();
    Api.setKey($("api-key").value);
    $("api-key").value = "";
    start();
  });
  $("logout").addEventListener("click", () => {
    Api.clearKey();
    showLogin("");
  });
  $("lifecycle-close").addEventListener("click", () => {
    $("lifecycle").hidden = true;
    $("lifecycle-id").textContent = "";
  });
  document.querySelectorAll("#kill-halt, #kill-flatten").forEach(button =>
    button.addEventListener("click", () => actions.kill(button.dataset.mode)));
  $("kill-resume").addEventListener("click", () => actions.resume());
  start();
})();
