// The dashboard's only way to the service: its HTTP API with the key the operator typed, kept in this tab's
// sessionStorage (never in a cookie, never sent to any other origin), and the live stream opened with a
// single-use ticket, since an EventSource cannot send the X-API-Key header (README.md, "Dashboard").
"use strict";

const Api = (() => {
  const KEY = "copytrader.apiKey";

  class Unauthorized extends Error {}

  async function call(method, path, body) {
    const headers = { "Accept": "application/json" };
    const key = sessionStorage.getItem(KEY);
    if (key) {
      headers["X-API-Key"] = key;
    }
    const init = { method, headers, credentials: "omit", cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (response.status === 401) {
      throw new Unauthorized(json && json.message);
    }
    return { status: response.status, ok: response.ok, json };
  }

  async function ok(method, path, body) {
    const answer = await call(method, path, body);
    if (!answer.ok) {
      throw new Error((answer.json && answer.json.code ? answer.json.code + ": " + answer.json.message : "HTTP "
        + answer.status));
    }
    return answer.json;
  }

  /** Opens the live stream; handlers by event name. Reconnects with a fresh ticket after a drop. */
  function live(handlers, onState) {
    let source = null;
    let stopped = false;
    async function open() {
      if (stopped) {
        return;
      }
      try {
        const ticket = await ok("POST", "/api/live/ticket");
        source = new EventSource("/live/events?ticket=" + encodeURIComponent(ticket.ticket));
        source.onopen = () => onState("live");
        Object.entries(handlers).forEach(([name, handle]) =>
          source.addEventListener(name, event => handle(JSON.parse(event.data))));
        source.onerror = () => {
          source.close();
          onState("reconnecting");
          setTimeout(open, 2000);
        };
      } catch (e) {
        onState(e instanceof Unauthorized ? "unauthorized" : "reconnecting");
        if (!(e instanceof Unauthorized)) {
          setTimeout(open, 5000);
        }
      }
    }
    open();
    return () => {
      stopped = true;
      if (source) {
        source.close();
      }
    };
  }

  return {
    Unauthorized,
    call,
    get: path => ok("GET", path),
    post: (path, body) => ok("POST", path, body),
    live,
    setKey: key => sessionStorage.setItem(KEY, key),
    clearKey: () => sessionStorage.removeItem(KEY),
    hasKey: () => sessionStorage.getItem(KEY) !== null,
  };
})();
