/* Breaking the Cycle: the browser half of the on-device learner record.
 *
 * The kernel half is widgets/ui/device_store.py (an anywidget; this file is its _esm, sent inside
 * the widget's state, so it works on Voila and on the static site with nothing extra to serve).
 * It keeps one course's record in this browser, under keys of the course's own namespace
 * "btc-record-v1:<course id>:<base path, encoded>" (widgets/models/learner_record.storage_key),
 * and tells the kernel what it holds. The rules:
 * - Nothing is written before the learner answers the consent question: this file writes only
 *   when the kernel sends a command, and the kernel sends none before the answer.
 * - "keep" is stored in localStorage; "none" only in sessionStorage, so it is gone with the tab.
 * - "forget" removes every key of the namespace (and the older keys the kernel names), then reads
 *   storage back and reports "empty-verified" only if nothing of it is left.
 * - Blocked or full storage never throws out of here: it is reported as a status, and a failed
 *   write leaves the old copy as it was.
 * - The stored text is never put into the page. It goes to the kernel, which checks it, or into
 *   a file the learner asked to download. Nothing is loaded from any host.
 */

const PREFIX = "btc-record-v1";
const MAX_CHARS = 1000000; // the kernel reads at most 1 MB; a longer copy is sent cut short
const SAFE_FILE = /^[A-Za-z0-9_-]{1,60}\.json$/;
const COURSE_ID = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** The course's base path: the part of the address before voila/ or voici/, else the folder. */
function basePath() {
  const path = window.location.pathname || "/";
  const match = path.match(/^(.*?\/)(?:voila|voici)\/render\//);
  return match ? match[1] : path.replace(/[^/]*$/, "") || "/";
}

function namespace(courseId) {
  const id = COURSE_ID.test(courseId) ? courseId : "course";
  return `${PREFIX}:${id}:${encodeURIComponent(basePath())}`;
}

/** window.localStorage or sessionStorage, or null where the browser blocks it. */
function openStorage(kind) {
  try {
    const store = window[kind];
    if (!store) return null;
    void store.length; // blocked storage throws here (or on the line above)
    return store;
  } catch (error) {
    return null;
  }
}

function isQuota(error) {
  return (
    error instanceof DOMException &&
    (error.name === "QuotaExceededError" ||
      error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 ||
      error.code === 1014)
  );
}

function keysOf(store, ns, legacy) {
  const found = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (
      typeof key === "string" &&
      (key === ns || key.startsWith(`${ns}:`) || legacy.includes(key))
    ) {
      found.push(key);
    }
  }
  return found;
}

function removeAll(store, ns, legacy) {
  for (const key of keysOf(store, ns, legacy)) store.removeItem(key);
}

function initialize({ model }) {
  const ns = namespace(String(model.get("course_id") || ""));
  const consentKey = `${ns}:consent`;
  const legacy = (model.get("legacy_keys") || []).filter(
    (key) => typeof key === "string" && key.startsWith("btc-"),
  );
  let event = 0;

  function report(status, answered, extra) {
    event += 1;
    model.set({ status, answered, event, ...(extra || {}) });
    model.save_changes();
  }

  const capped = (text) => (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS + 1) : text);

  function storedConsent(local, session) {
    try {
      if (local && local.getItem(consentKey) === "keep") return "keep";
    } catch (error) {
      /* blocked: no consent can be read */
    }
    try {
      if (session && session.getItem(consentKey) === "none") return "none";
    } catch (error) {
      /* blocked */
    }
    return "unknown";
  }

  function load(answered) {
    const local = openStorage("localStorage");
    const consent = storedConsent(local, openStorage("sessionStorage"));
    const page = (document.body && document.body.getAttribute("data-lesson")) || "";
    const extra = { storage_key: ns, page, consent, document: "" };
    if (!local) {
      report("storage-unavailable", answered, extra);
      return;
    }
    if (consent === "keep") {
      try {
        let text = local.getItem(ns);
        // Before the record there was only the list of lessons opened (version 0).
        for (const key of legacy) if (text === null) text = local.getItem(key);
        extra.document = text === null ? "" : capped(text);
      } catch (error) {
        report("storage-unavailable", answered, extra);
        return;
      }
    }
    report("loaded", answered, extra);
  }

  function write(command, id, text) {
    const local = openStorage("localStorage");
    const consentOnly = command === "keep" && text === null; // a record too big to keep
    if (!consentOnly && (typeof text !== "string" || text.length > MAX_CHARS)) {
      report("refused", id);
      return;
    }
    if (!local) {
      report("storage-unavailable", id);
      return;
    }
    try {
      if (command === "keep") {
        local.setItem(consentKey, "keep");
        const session = openStorage("sessionStorage");
        if (session) session.removeItem(consentKey);
        let existing = local.getItem(ns);
        for (const key of legacy) if (existing === null) existing = local.getItem(key);
        if (existing !== null && existing !== text) {
          // A copy is already here (or the older list of lessons opened): never overwrite it
          // unseen. The kernel reads it, merges it in and saves the result.
          report("loaded", id, { consent: "keep", document: capped(existing) });
          return;
        }
      } else if (local.getItem(consentKey) !== "keep") {
        report("refused", id); // no consent on this device (forgotten in another tab?)
        return;
      }
      if (!consentOnly) local.setItem(ns, text);
      report("saved", id);
    } catch (error) {
      report(isQuota(error) ? "quota-exceeded" : "storage-unavailable", id);
    }
  }

  function forget(command, id) {
    const session = openStorage("sessionStorage");
    try {
      if (session) {
        removeAll(session, ns, []);
        if (command === "none") session.setItem(consentKey, "none");
      }
    } catch (error) {
      /* the tab's own storage: gone when the tab closes anyway */
    }
    const local = openStorage("localStorage");
    if (!local) {
      report("storage-unavailable", id);
      return;
    }
    try {
      removeAll(local, ns, legacy);
      report(keysOf(local, ns, legacy).length ? "forgotten" : "empty-verified", id);
    } catch (error) {
      report("storage-unavailable", id);
    }
  }

  function downloadRaw(id, filename) {
    const local = openStorage("localStorage");
    let text = null;
    try {
      text = local ? local.getItem(ns) : null;
    } catch (error) {
      report("storage-unavailable", id);
      return;
    }
    if (text === null) {
      report("nothing-stored", id);
      return;
    }
    const name = typeof filename === "string" && SAFE_FILE.test(filename) ? filename : "copy.json";
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    report("raw-downloaded", id);
  }

  function handle() {
    const request = model.get("request");
    if (!request || typeof request !== "object") return;
    const id = Number.isInteger(request.id) ? request.id : 0;
    const command = request.command;
    if (command === "reload") load(id);
    else if (command === "keep" || command === "save") write(command, id, request.document);
    else if (command === "none" || command === "forget") forget(command, id);
    else if (command === "download-raw") downloadRaw(id, request.filename);
    else report("refused", id);
  }

  model.on("change:request", handle);
  load(0);
}

function render({ model, el }) {
  // Nothing to see: the record's panel (widgets/views/my_record.py) says what happened. The last
  // status is kept on the hidden element for the browser tests (a word from a fixed list).
  el.classList.add("btc-device-store");
  el.hidden = true;
  const mark = () => {
    el.dataset.status = String(model.get("status") || "");
    el.dataset.event = String(model.get("event") || 0);
  };
  mark();
  model.on("change:event", mark);
}

export default { initialize, render };
