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
 * - The record is kept one key per part (the namespace + ":diary", ":lessons", ...), each a small
 *   document {"version": 1, "<part>": ...}. The kernel sends only the parts that changed, each
 *   with the text it last saw stored ("save-parts", `base`). A part is written only if it still
 *   holds that text; if another tab changed it meanwhile, nothing is written and what is stored
 *   now goes back to the kernel ("changed"), which merges it and saves again. So two tabs never
 *   overwrite each other's answers.
 * - A change made in another tab (the `storage` event, fired only in OTHER tabs) is read and
 *   sent to the kernel ("changed"), so this page shows it without a reload.
 * - The record's older single key (the namespace itself) is still read; the kernel writes its
 *   parts and only then asks to remove it ("retire"), in the same step.
 * - "forget" removes every key of the namespace (and the older keys the kernel names), then reads
 *   storage back and reports "empty-verified" only if nothing of it is left.
 * - Blocked or full storage never throws out of here: it is reported as a status, and a failed
 *   write puts back the parts it had already written, so the old copy is kept as it was.
 * - The stored text is never put into the page. It goes to the kernel, which checks it, or into
 *   a file the learner asked to download. Nothing is loaded from any host.
 * - The section the learner has reached (the last lesson heading above the middle of the
 *   screen) is sent to the kernel as `section`, so the record can say where to continue.
 */

const PREFIX = "btc-record-v1";
const MAX_CHARS = 1000000; // the kernel reads at most 1 MB; a longer copy is sent cut short
const SAFE_FILE = /^[A-Za-z0-9_-]{1,60}\.json$/;
const COURSE_ID = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
// The record's parts (widgets/models/learner_record.PARTS), one key each.
const PARTS = [
  "lessons",
  "resume",
  "checks",
  "diary",
  "self_checks",
  "pain_checks",
  "thought_records",
  "pacing_plans",
  "support_map",
  "action_plan",
  "practice",
];
const SECTION_LIMIT = 200;
const HEADINGS = ".jp-MarkdownCell h1[id], .jp-MarkdownCell h2[id]";
const SYNC_DELAY = 100; // ms: one save writes several keys; read them once
const SCROLL_DELAY = 700; // ms after the last scroll

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

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** The id of the last lesson heading above the middle of the screen, or "". */
function sectionReached() {
  const middle = window.innerHeight / 2;
  let reached = "";
  for (const heading of document.querySelectorAll(HEADINGS)) {
    if (heading.getBoundingClientRect().top > middle) break;
    if (heading.id.length <= SECTION_LIMIT) reached = heading.id;
  }
  return reached;
}

function initialize({ model }) {
  const ns = namespace(String(model.get("course_id") || ""));
  const consentKey = `${ns}:consent`;
  const partKey = (name) => `${ns}:${name}`;
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

  /** What is stored: the parts (at most 1 MB + 1 character in all) and the older copy. */
  function readStored(local) {
    const parts = {};
    let budget = MAX_CHARS + 1;
    for (const name of PARTS) {
      const text = local.getItem(partKey(name));
      if (text === null || budget <= 0) continue;
      parts[name] = text.slice(0, budget); // over the budget: cut, so the kernel says too big
      budget -= parts[name].length;
    }
    let text = local.getItem(ns);
    // Before the record there was only the list of lessons opened (version 0).
    if (!Object.keys(parts).length) for (const key of legacy) if (text === null) text = local.getItem(key);
    return { parts, document: text === null ? "" : capped(text) };
  }

  function hasStored(stored) {
    return stored.document !== "" || Object.keys(stored.parts).length > 0;
  }

  function load(answered, status) {
    const local = openStorage("localStorage");
    const consent = storedConsent(local, openStorage("sessionStorage"));
    const page = (document.body && document.body.getAttribute("data-lesson")) || "";
    const extra = { storage_key: ns, page, consent, document: "", parts: {} };
    if (!local) {
      report("storage-unavailable", answered, extra);
      return;
    }
    if (consent === "keep") {
      try {
        Object.assign(extra, readStored(local));
      } catch (error) {
        report("storage-unavailable", answered, extra);
        return;
      }
    }
    report(status || "loaded", answered, extra);
  }

  /** The parts of a request, checked: {name: text or null}, or null if any is wrong. */
  function checkedParts(parts) {
    if (!parts || typeof parts !== "object" || Array.isArray(parts)) return null;
    let total = 0;
    for (const name of Object.keys(parts)) {
      const text = parts[name];
      if (!PARTS.includes(name) || (text !== null && typeof text !== "string")) return null;
      total += text === null ? 0 : text.length;
    }
    return total > MAX_CHARS ? null : parts;
  }

  /** Write parts all together, or none: on an error the ones written are put back. */
  function writeParts(local, parts) {
    const before = [];
    try {
      for (const name of Object.keys(parts)) {
        const key = partKey(name);
        before.push([key, local.getItem(key)]);
        if (parts[name] === null) local.removeItem(key);
        else local.setItem(key, parts[name]);
      }
    } catch (error) {
      for (const [key, text] of before.reverse()) {
        try {
          if (text === null) local.removeItem(key);
          else local.setItem(key, text);
        } catch (ignored) {
          /* putting back a value that fitted before fits again */
        }
      }
      throw error;
    }
  }

  function keep(id, request) {
    const local = openStorage("localStorage");
    const consentOnly = request.parts === null; // a record too big to keep
    const parts = consentOnly ? {} : checkedParts(request.parts);
    if (parts === null) {
      report("refused", id);
      return;
    }
    if (!local) {
      report("storage-unavailable", id);
      return;
    }
    try {
      local.setItem(consentKey, "keep");
      const session = openStorage("sessionStorage");
      if (session) session.removeItem(consentKey);
      const stored = readStored(local);
      if (hasStored(stored)) {
        // A copy is already here (or the older list of lessons opened): never overwrite it
        // unseen. The kernel reads it, merges it in and saves the result.
        report("loaded", id, { consent: "keep", ...stored });
        return;
      }
      writeParts(local, parts);
      report("saved", id);
    } catch (error) {
      report(isQuota(error) ? "quota-exceeded" : "storage-unavailable", id);
    }
  }

  function saveParts(id, request) {
    const local = openStorage("localStorage");
    const parts = checkedParts(request.parts);
    const base = request.base && typeof request.base === "object" ? request.base : {};
    if (parts === null) {
      report("refused", id);
      return;
    }
    if (!local) {
      report("storage-unavailable", id);
      return;
    }
    try {
      if (local.getItem(consentKey) !== "keep") {
        report("refused", id); // no consent on this device (forgotten in another tab?)
        return;
      }
      for (const name of Object.keys(parts)) {
        const now = local.getItem(partKey(name));
        const seen = own(base, name) ? base[name] : null;
        if (now !== seen && now !== parts[name]) {
          // Another tab changed this part since the kernel read it: write nothing, and send
          // what is stored now, for the kernel to merge.
          load(id, "changed");
          return;
        }
      }
      writeParts(local, parts);
      if (request.retire === true) local.removeItem(ns); // the older single copy, now in parts
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

  /** The stored copy as it is: the older single copy alone as its own text; otherwise every
   *  key of the record (but the consent) and its text, as one JSON object. */
  function rawCopy(local) {
    const keys = keysOf(local, ns, []).filter((key) => key !== consentKey);
    if (!keys.length) return null;
    if (keys.length === 1 && keys[0] === ns) return local.getItem(ns);
    const copy = {};
    for (const key of keys.sort()) copy[key] = local.getItem(key);
    return JSON.stringify(copy);
  }

  function downloadRaw(id, filename) {
    const local = openStorage("localStorage");
    let text = null;
    try {
      text = local ? rawCopy(local) : null;
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
    else if (command === "keep") keep(id, request);
    else if (command === "save-parts") saveParts(id, request);
    else if (command === "none" || command === "forget") forget(command, id);
    else if (command === "download-raw") downloadRaw(id, request.filename);
    else report("refused", id);
  }

  // Another tab changed this course's keys: read them again and tell the kernel.
  let syncTimer = null;
  function onStorage(change) {
    const local = openStorage("localStorage");
    if (!local || change.storageArea !== local) return;
    const key = change.key;
    if (key !== null && key !== ns && !key.startsWith(`${ns}:`) && !legacy.includes(key)) return;
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => load(0, "changed"), SYNC_DELAY);
  }
  window.addEventListener("storage", onStorage);

  // How far the learner has read: sent when it changes, a moment after scrolling stops.
  let scrollTimer = null;
  let lastSection = null;
  function onScroll() {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      const section = sectionReached();
      if (section === lastSection) return;
      lastSection = section;
      model.set({ section });
      model.save_changes();
    }, SCROLL_DELAY);
  }
  document.addEventListener("scroll", onScroll, { capture: true, passive: true });

  model.on("change:request", handle);
  load(0);
  return () => {
    window.removeEventListener("storage", onStorage);
    document.removeEventListener("scroll", onScroll, { capture: true });
    clearTimeout(syncTimer);
    clearTimeout(scrollTimer);
  };
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
