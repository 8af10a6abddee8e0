// The geometry audit of tests/browser/geometry.py, run in the page: every kind of problem
// found, as lists of short descriptions. Thresholds are passed in from Python.
(([phoneTarget, anyTarget, minText, minSvgText, trackNarrow, trackWide]) => {
  const out = {sideways: [], tracks: [], clipped: [], small_text: [], small_targets: [],
               small_svg_text: [], overlaps: []};
  const width = window.innerWidth;
  const phone = width < 768;
  const target = phone ? phoneTarget : anyTarget;
  const track = phone ? trackNarrow : trackWide;
  const shown = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[hidden], .btc-visually-hidden, .btc-skip, details:not([open]) > :not(summary)');
  };
  const name = el => {
    const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || el.value || '').trim().replace(/\s+/g, ' ');
    return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} "${text.slice(0, 40)}"`;
  };
  // 1. No sideways scrolling: neither the window nor Voila's scrolling shell.
  for (const el of [document.scrollingElement, document.getElementById('rendered_cells')]) {
    if (el && el.scrollWidth > el.clientWidth + 1) out.sideways.push(`${el.id || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  // 2. Slider tracks wide enough to move a value with a thumb.
  for (const el of document.querySelectorAll('.widget-hslider .noUi-target, .widget-hslider .slider')) {
    if (!shown(el)) continue;
    const w = el.getBoundingClientRect().width;
    if (w < track) out.tracks.push(`${name(el.closest('.widget-hslider'))}: ${Math.round(w)} px`);
  }
  // 3. Text cut off (ellipsis or hidden overflow) in labels, options and buttons.
  const textBoxes = '.widget-label, .widget-label-basic, .widget-radio-box label, .widget-checkbox label, ' +
    '.jupyter-button, .widget-toggle-button, .widget-dropdown select, .widget-readout, .btc-header summary';
  for (const el of document.querySelectorAll(textBoxes)) {
    if (!shown(el) || !(el.innerText || '').trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2) {
      out.clipped.push(`${name(el)}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
    }
  }
  // Options printed over their neighbours: sibling radio labels whose boxes intersect.
  for (const box of document.querySelectorAll('.widget-radio-box')) {
    const labels = [...box.querySelectorAll('label')].filter(shown).map(l => [l, l.getBoundingClientRect()]);
    for (let i = 1; i < labels.length; i++) {
      const [a, ra] = labels[i - 1], [b, rb] = labels[i];
      const lastLine = a.scrollHeight > a.clientHeight + 2;
      if (ra.bottom > rb.top + 1 || lastLine) out.overlaps.push(`${name(a)} / ${name(b)}`);
    }
  }
  // Controls spilling out of their widget's box (a text box taller than the box given to it,
  // once its label sits above it) lie under whatever comes next.
  for (const el of document.querySelectorAll('.jupyter-widgets > textarea, .jupyter-widgets > select, .jupyter-widgets > input')) {
    if (!shown(el)) continue;
    const box = el.parentElement.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.bottom > box.bottom + 1) out.overlaps.push(`${name(el.parentElement)}: its ${el.tagName.toLowerCase()} spills ${Math.round(r.bottom - box.bottom)} px below its box`);
  }
  // 4. Widget text as large as the prose.
  const seen = new Set();
  for (const el of document.querySelectorAll('.jupyter-widgets *, .widget-html-content *')) {
    if (!shown(el) || el.closest('svg')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own && !['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(el.tagName)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minText - 0.01) {
      const key = `${name(el)} ${size}px`;
      if (!seen.has(key)) { seen.add(key); out.small_text.push(`${name(el)}: ${size.toFixed(1)} px`); }
    }
  }
  // 5. Touch targets: buttons, checkboxes, radio options, slider handles, menus, text boxes.
  const targets = '.jupyter-widgets button, .jupyter-button, .widget-checkbox label, ' +
    '.widget-radio-box label, .noUi-handle, .widget-dropdown select, .widget-text input, ' +
    '.widget-textarea textarea, .btc-header summary, .btc-pager a, .btc-presentation-switch';
  for (const el of document.querySelectorAll(targets)) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < target - 0.5 || r.height < target - 0.5) {
      out.small_targets.push(`${name(el)}: ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  // 6. Chart and diagram text readable on screen (font size times the SVG's scale).
  for (const svg of document.querySelectorAll('.btc-plot svg, .btc-diagram svg')) {
    if (!shown(svg)) continue;
    const m = svg.getScreenCTM();
    if (!m) continue;
    let smallest = Infinity, example = '';
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * m.a;
      if (px < smallest) { smallest = px; example = t.textContent.slice(0, 30); }
    }
    if (smallest < minSvgText - 0.01) {
      const title = svg.querySelector('title');
      out.small_svg_text.push(`"${(title ? title.textContent : '').slice(0, 40)}": ${smallest.toFixed(1)} px ("${example}")`);
    }
  }
  return out;
})
