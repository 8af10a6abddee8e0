/* Breaking the Cycle: small page helpers, written once for every lesson.
 *
 * 1. Remember which lessons this browser has opened (localStorage only; nothing is sent anywhere)
 *    and mark them in the lesson list and the course map.
 * 2. Give widget controls and live text the accessible names and roles that ipywidgets leaves out
 *    (the slider handle has no name; describers must be polite live regions).
 * 3. Let Escape close the "Get help now" panel.
 * 4. Run the relaxation timers of lesson 05 (breathing guide, step timers) in the browser.
 * 5. Keep links to lessons, and tel:/sms: links, in the same tab: JupyterLab's output renderer
 *    opens every link in a new tab (on the static site each tab is another Python, ~350 MiB).
 *
 * Widgets are drawn after the page loads, so the helpers run again whenever the page changes.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "btc-visited-v1";

  function readVisited() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      var list = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list.filter(function (x) { return typeof x === "string"; }) : [];
    } catch (e) {
      return [];  // storage blocked or corrupt: the course still works, it just cannot remember
    }
  }

  function rememberVisit(file) {
    if (!file) { return; }
    var visited = readVisited();
    if (visited.indexOf(file) === -1) {
      visited.push(file);
      try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(visited)); } catch (e) { /* ignore */ }
    }
  }

  // Lessons opened on an earlier page load: the lesson list marks these "opened before", so the
  // page a learner is reading for the first time is not marked as if they had seen it.
  var openedBefore = [];

  function markVisited(root) {
    var visited = readVisited();
    root.querySelectorAll(".btc-lesson-link[data-lesson]").forEach(function (link) {
      var seen = openedBefore.indexOf(link.getAttribute("data-lesson")) !== -1;
      var mark = link.querySelector(".btc-visited-mark");
      if (seen && !mark) {
        mark = document.createElement("span");
        mark.className = "btc-visited-mark";
        var tick = document.createElement("span");
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = " ✓";
        var words = document.createElement("span");
        words.className = "btc-visually-hidden";
        words.textContent = " (opened before)";
        mark.appendChild(tick);
        mark.appendChild(words);
        link.appendChild(mark);
        link.classList.add("btc-visited");
      }
    });
    root.querySelectorAll(".btc-map li[data-lesson]").forEach(function (item) {
      item.classList.toggle("btc-visited", visited.indexOf(item.getAttribute("data-lesson")) !== -1);
    });
    root.querySelectorAll(".btc-map-progress").forEach(function (el) {
      var items = document.querySelectorAll(".btc-map li[data-lesson]");
      var done = 0;
      items.forEach(function (item) { if (item.classList.contains("btc-visited")) { done += 1; } });
      var text = "You have opened " + done + " of " + items.length + " lessons in this browser.";
      if (el.textContent !== text) { el.textContent = text; }  // no change, no new mutation
    });
  }

  function labelText(widget) {
    var label = widget.querySelector(".widget-label");
    return label ? label.textContent.trim() : "";
  }

  // Changing an attribute is itself a mutation: only write when the value differs, so the
  // observer below settles instead of looping.
  function setIfChanged(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function patchAccessibility(root) {
    // Slider handles: name them after the widget's description.
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider, .widget-hslider, .widget-vslider").forEach(function (widget) {
      var name = labelText(widget);
      if (!name) { return; }
      widget.querySelectorAll(".noUi-handle").forEach(function (handle) {
        setIfChanged(handle, "aria-label", name);
      });
      widget.querySelectorAll(".widget-readout").forEach(function (readout) {
        setIfChanged(readout, "aria-label", name + ": value");
      });
    });
    // Radio buttons: ipywidgets gives its inputs no shared name, so each is its own tab stop and
    // arrow keys do nothing. A shared name makes them one native group; the question names it.
    root.querySelectorAll(".widget-radio-box").forEach(function (box, index) {
      var group = box.getAttribute("data-btc-group") || "btc-radio-" + index + "-" + Date.now();
      setIfChanged(box, "data-btc-group", group);
      setIfChanged(box, "role", "radiogroup");
      box.querySelectorAll("input[type='radio']").forEach(function (input) {
        setIfChanged(input, "name", group);
      });
      var question = box.closest(".btc-quiz-question");
      var prompt = question ? question.querySelector(".btc-question") : null;
      if (prompt) {
        if (!prompt.id) { prompt.id = group + "-label"; }
        setIfChanged(box, "aria-labelledby", prompt.id);
      }
    });
    // Describers and other changing text: announce politely.
    root.querySelectorAll(".btc-live").forEach(function (el) {
      setIfChanged(el, "role", "status");
      setIfChanged(el, "aria-live", "polite");
    });
    // Charts: a named figure, described by the text alternative that follows it.
    root.querySelectorAll(".btc-plot").forEach(function (el, index) {
      var alt = el.parentElement ? el.parentElement.querySelector(".btc-alt") : null;
      if (!alt) { return; }
      if (!alt.id) { alt.id = "btc-alt-" + index; }
      var title = alt.querySelector(".btc-alt-title");
      setIfChanged(el, "role", "figure");
      setIfChanged(el, "aria-label", title ? title.textContent.trim() : "Chart");
      setIfChanged(el, "aria-describedby", alt.id);
    });
  }

  // Relaxation timers. Python only writes the markup (widgets/views/relaxation.py); all timing is
  // here, so it stays smooth and sends nothing to the server, even when the kernel is slow.
  // A timer reads the clock on every tick (so it stays in step with the CSS animation even when
  // the tab is throttled) and stops itself once its element leaves the page (Stop, another step).
  // Only phase changes and a step's start and end go to live regions; seconds are aria-hidden.
  var PHASE_WORDS = { "in": "Breathe in…", "hold": "Hold…", "out": "Breathe out…" };

  function setText(el, text) {
    if (el && el.textContent !== text) { el.textContent = text; }  // no change, no mutation
  }

  function clock(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function runTimer(el, total, onTick, onDone) {
    var startedAt = Date.now();
    var id = window.setInterval(tick, 200);
    function tick() {
      if (!el.isConnected) { window.clearInterval(id); return; }
      var elapsed = (Date.now() - startedAt) / 1000;
      if (elapsed >= total) { window.clearInterval(id); onDone(); return; }
      onTick(elapsed, Math.ceil(total - elapsed));
    }
    tick();
  }

  // <div class="btc-pacer" data-phases="in:4,out:6" data-seconds="60">: "Breathe in… 4, 3, 2, 1".
  function startPacer(el) {
    var phases = (el.getAttribute("data-phases") || "").split(",").map(function (part) {
      var bits = part.split(":");
      return { kind: bits[0], seconds: parseInt(bits[1], 10) };
    }).filter(function (p) { return PHASE_WORDS[p.kind] && p.seconds > 0; });
    var total = parseInt(el.getAttribute("data-seconds"), 10);
    if (!phases.length || !(total > 0)) { return; }
    var cycle = phases.reduce(function (sum, p) { return sum + p.seconds; }, 0);
    var phaseEl = el.querySelector(".btc-pacer-phase");
    var countEl = el.querySelector(".btc-pacer-count");
    var leftEl = el.querySelector(".btc-pacer-left");
    runTimer(el, total, function (elapsed, left) {
      var t = elapsed % cycle, i = 0;
      while (i < phases.length - 1 && t >= phases[i].seconds) { t -= phases[i].seconds; i += 1; }
      setIfChanged(el, "data-phase", phases[i].kind);  // reduced motion: a colour change only
      setText(phaseEl, PHASE_WORDS[phases[i].kind]);   // announced: it changes once a phase
      setText(countEl, String(Math.max(1, Math.ceil(phases[i].seconds - t))));
      setText(leftEl, clock(left) + " left");
    }, function () {
      setIfChanged(el, "data-phase", "done");
      setText(phaseEl, el.getAttribute("data-done") || "Done.");
      setText(countEl, "");
      setText(leftEl, "");
    });
  }

  // <div class="btc-step-timer" data-seconds="20">: announced when it starts and when time is up.
  function startStepTimer(el) {
    var total = parseInt(el.getAttribute("data-seconds"), 10);
    if (!(total > 0)) { return; }
    var statusEl = el.querySelector(".btc-timer-status");
    var countEl = el.querySelector(".btc-timer-count");
    setText(statusEl, "Timer started: " + total + " seconds.");
    runTimer(el, total, function (elapsed, left) {
      setText(countEl, clock(left) + " left");
    }, function () {
      setText(countEl, "0:00");
      setText(statusEl, el.getAttribute("data-done") || "Time is up.");
    });
  }

  function startTimers(root) {
    root.querySelectorAll(".btc-pacer[data-seconds], .btc-step-timer[data-seconds]").forEach(function (el) {
      if (el.btcTimerStarted) { return; }  // a new Start or step inserts a new element
      el.btcTimerStarted = true;
      if (el.classList.contains("btc-pacer")) { startPacer(el); } else { startStepTimer(el); }
    });
  }

  function keepLinksInTab(root) {
    root.querySelectorAll("a[target='_blank']").forEach(function (link) {
      var href = link.getAttribute("href") || "";
      var elsewhere = /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^(tel|sms|mailto):/i.test(href);
      if (!elsewhere) { link.removeAttribute("target"); }
    });
  }

  var scheduled = false;
  function refresh() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      markVisited(document);
      patchAccessibility(document);
      keepLinksInTab(document);
    });
  }

  function start() {
    openedBefore = readVisited();
    rememberVisit(document.body.getAttribute("data-lesson"));
    refresh();
    startTimers(document);
    new MutationObserver(function () {
      startTimers(document);  // at once, not on the next frame: keeps text and circle in step
      refresh();
    }).observe(document.body, { childList: true, subtree: true });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var help = document.getElementById("btc-help");
      if (help && help.open) {
        help.open = false;
        help.querySelector("summary").focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
