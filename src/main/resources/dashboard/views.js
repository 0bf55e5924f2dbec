// Rendering only: builds DOM nodes with textContent (never innerHTML), so nothing the service returns can run as
// markup in the page.
"use strict";

const Views = (() => {
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    children.flat().forEach(child => node.append(child instanceof Node ? child : String(child ?? "—")));
    return node;
  }

  function num(text, digits) {
    if (text === null || text === undefined || text === "") {
      return "—";
    }
    const value = Number(text);
    return Number.isFinite(value) ? value.toLocaleString(undefined, { maximumFractionDigits: digits ?? 2 }) : text;
  }

  function table(headings, rows) {
    return el("table", {}, el("thead", {}, el("tr", {}, headings.map(h => el("th", {}, h)))),
      el("tbody", {}, rows));
  }

  function figure(label, value, cls) {
    return el("div", { class: cls }, el("span", {}, label), value);
  }

  /** One position with its mark (value ÷ size), unrealized PnL and the service's stop-loss on it. */
  function positionRow(account, position, stops, takeProfits, onClose) {
    const size = Math.abs(Number(position.position));
    const mark = size > 0 ? Number(position.position_value) / size : null;
    const stop = stops.find(order => order.market_id === position.market_id);
    const trigger = stop ? Number(stop.trigger_price) : null;
    const takeProfit = (takeProfits || []).find(order => order.market_id === position.market_id);
    const distance = stop && mark ? (Math.abs(mark - trigger) / mark * 100).toFixed(2) + " %" : "—";
    const pnl = Number(position.unrealized_pnl);
    const close = el("button", { type: "button", "data-action": "close", "data-account": account,
      "data-symbol": position.symbol }, "Close");
    close.addEventListener("click", () => onClose(account, position.symbol));
    return el("tr", { "data-market": position.market_id },
      el("td", {}, position.symbol), el("td", {}, position.sign < 0 ? "short" : "long"),
      el("td", {}, num(position.position, 6)), el("td", {}, num(position.avg_entry_price, 6)),
      el("td", {}, mark === null ? "—" : num(mark, 6)),
      el("td", { class: pnl < 0 ? "bad" : "ok" }, num(position.unrealized_pnl)),
      el("td", {}, stop ? num(stop.trigger_price, 6) : el("span", { class: "bad" }, "none")),
      el("td", {}, distance), el("td", {}, stop ? stop.status : "—"),
      el("td", {}, stop && stop.expires_at ? stop.expires_at.slice(0, 16).replace("T", " ") : "—"),
      el("td", {}, takeProfit ? num(takeProfit.trigger_price, 6) : "—"), el("td", {}, close));
  }

  function limitFigure(label, used, limit) {
    const ratio = limit ? Math.abs(Number(used)) / Number(limit) : 0;
    return figure(label, num(used) + " / " + num(limit), ratio >= 1 ? "bad" : ratio >= 0.8 ? "warn" : null);
  }

  /** An account: its figures, rails against their limits, kill switch and positions. */
  function account(rails, view, handlers) {
    const index = rails.account_index;
    const box = el("div", { class: "account", id: "account-" + index, "data-account": index });
    if (rails.status === "unavailable") {
      box.append(el("h3", {}, "Account " + index), el("p", { class: "bad" }, rails.message));
      return box;
    }
    const today = rails.today;
    const limits = rails.limits;
    const loss = today.realized_pnl === null ? null : Number(today.realized_pnl) + Number(today.unrealized_pnl);
    const actions = el("div", { class: "actions" });
    [["halt", "Halt"], ["flatten", "Flatten"]].forEach(([mode, label]) => {
      const button = el("button", { type: "button", "data-action": "kill", "data-mode": mode, "data-account": index },
        label);
      button.addEventListener("click", () => handlers.kill(mode, index));
      actions.append(button);
    });
    const resume = el("button", { type: "button", "data-action": "resume", "data-account": index }, "Resume");
    resume.addEventListener("click", () => handlers.resume(index));
    const protect = el("button", { type: "button", "data-action": "protect", "data-account": index },
      "Re-place stop-losses");
    protect.addEventListener("click", () => handlers.protect(index));
    actions.append(resume, protect);
    box.append(el("h3", {}, "Account " + index, " ",
      el("span", { class: "badge kill " + (rails.kill_switch === "off" ? "ok" : "bad") }, "kill switch: "
        + rails.kill_switch)));
    box.append(el("div", { class: "figures" },
      figure("equity", num(today.equity), "equity"),
      figure("available margin", view ? num(view.available_balance) : "—", "available"),
      figure("collateral", view ? num(view.collateral) : "—"),
      limitFigure("opening orders today", today.opening_orders, limits.max_orders_per_day),
      figure("loss today / limit", loss === null ? "—" : num(Math.max(0, -loss)) + " / "
        + num(limits.max_daily_loss_usd),
        loss !== null && -loss >= Number(limits.max_daily_loss_usd) ? "bad" : null),
      limitFigure("drawdown % / limit", today.drawdown_pct, limits.max_drawdown_pct),
      figure("max position USD", num(limits.max_position_usd)), figure("max leverage", num(limits.max_leverage)),
      figure("allowlist", limits.symbol_allowlist),
      figure("owner", el("strong", { id: "owner-" + index, "data-owner": index }, "…"), "owner")));
    box.append(actions);
    const positions = view ? view.positions.filter(p => Number(p.position) !== 0) : [];
    box.append(positions.length === 0 ? el("p", { class: "note" }, view ? "no open position" : "account not readable")
      : table(["market", "side", "size", "entry", "mark", "uPnL", "stop trigger", "distance", "stop", "stop expires (UTC)", "take-profit", ""],
        positions.map(p => positionRow(index, p, view.stop_loss_orders, view.take_profit_orders, handlers.close))));
    return box;
  }

  function describe(request) {
    const r = request.request || {};
    if (request.kind === "protection") {
      return r.reason || "protection";
    }
    return [r.action, r.symbol, r.reference_position_ratio || r.percentage || r.target_ratio].filter(Boolean).join(" ");
  }

  function feedRow(request, onOpen) {
    const row = el("tr", { class: "request", id: "request-" + request.request_id, "data-state": request.state },
      el("td", {}, new Date(request.created_at).toLocaleTimeString()), el("td", {}, request.account_index),
      el("td", {}, request.kind), el("td", {}, describe(request)),
      el("td", { class: "state state-" + request.state }, request.state), el("td", {}, request.error_code || ""));
    row.addEventListener("click", () => onOpen(request.request_id));
    return row;
  }

  /** What arrived, how the rails judged it, every order sent and the outcome. */
  function lifecycle(detail) {
    const orders = detail.orders.map(o => el("tr", {},
      el("td", {}, o.ordinal), el("td", {}, o.purpose), el("td", {}, o.side), el("td", {}, o.state),
      el("td", {}, o.nonce), el("td", {}, o.client_order_index), el("td", { class: "hash" }, o.tx_hash),
      el("td", {}, num(o.base_amount, 6)), el("td", {}, num(o.filled_base, 6)), el("td", {}, num(o.average_price, 6)),
      el("td", {}, num(o.trigger_price, 6)), el("td", {}, o.error_code || "")));
    const rails = detail.rails.map(v => el("tr", {}, el("td", {}, v.rail),
      el("td", { class: v.verdict === "pass" ? "ok" : "bad" }, v.verdict), el("td", {}, v.detail || "")));
    return el("div", {},
      el("div", { class: "figures" }, figure("state", el("span", { class: "state-" + detail.state, id: "lifecycle-state" },
        detail.state)), figure("kind", detail.kind), figure("account", detail.account_index),
        figure("created", detail.created_at), figure("finished", detail.finished_at), figure("attempts", detail.attempts),
        figure("error", detail.error_code ? detail.error_code + ": " + detail.error_message : "—")),
      el("h3", {}, "What arrived"), el("pre", {}, JSON.stringify(detail.request, null, 2)),
      el("h3", {}, "Rails"), rails.length ? table(["rail", "verdict", "detail"], rails)
        : el("p", { class: "note" }, "no rail checked it"),
      el("h3", {}, "Orders"), orders.length ? table(["#", "purpose", "side", "state", "nonce", "client order index",
        "tx hash", "size", "filled", "avg price", "trigger", "error"], orders)
        : el("p", { class: "note" }, "no order sent"));
  }

  function health(status) {
    const rows = Object.entries(status.checks || {}).map(([name, check]) => {
      const { status: up, ...details } = check;
      return el("tr", {}, el("td", {}, name), el("td", { class: up === "UP" ? "ok" : "bad" }, up),
        el("td", {}, el("code", {}, JSON.stringify(details))));
    });
    return table(["check", "status", "details"], rows);
  }

  function leaders(list) {
    return list.length === 0 ? el("p", { class: "note" }, "no leader configured") : el("div", {}, list.map(leader =>
      el("div", { class: "account" }, el("h3", {}, leader.name + " (" + leader.account_index + ") ",
        el("span", { class: "badge " + (leader.feed.state === "stale" ? "bad" : "ok") }, leader.feed.state)),
      table(["follower", "market", "target", "actual", "drift"], leader.followers.flatMap(f => f.markets.map(m =>
        el("tr", {}, el("td", {}, f.account_index), el("td", {}, m.symbol), el("td", {}, num(m.target, 6)),
          el("td", {}, num(m.actual, 6)), el("td", {}, num(m.drift, 6)))))))));
  }

  /** Which node holds the account's lease row and under which epoch; red once the row has expired. */
  function owner(lease) {
    if (!lease) {
      return el("span", { class: "note" }, "no lease");
    }
    const expired = lease.expires_in_ms < 0;
    return el("span", { class: expired ? "bad" : null }, lease.owner + " (epoch " + lease.epoch + ")"
      + (expired ? " expired" : ""));
  }

  /** The nodes this one hears, each with the accounts it says it owns. */
  function nodes(answer) {
    const rows = answer.members.map(member => el("tr", { "data-node": member.node_id },
      el("td", {}, member.node_id + (member.node_id === answer.node_id ? " (this node)" : "")),
      el("td", {}, member.owned_accounts.join(", ") || "none"), el("td", {}, member.http_port),
      el("td", {}, (member.last_heard_ms / 1000).toFixed(1) + " s ago")));
    return el("div", {}, el("p", { class: "note" }, "cluster manager: " + answer.cluster_manager),
      table(["node", "owned accounts", "HTTP port", "last heard"], rows));
  }

  return { el, account, feedRow, lifecycle, health, leaders, owner, nodes };
})();
