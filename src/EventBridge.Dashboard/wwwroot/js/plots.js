// Two small SVG plots drawn by hand (no chart library): outcomes per minute as stacked bars and the ACW-to-applied
// latency p50/p95 as lines, over the last 60 minutes. Minutes the API leaves out are drawn as empty.

const NS = 'http://www.w3.org/2000/svg';
const W = 560;
const H = 150;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** 60 one-minute slots ending with the current minute, filled from the API's rows. */
function slots(minutes, count = 60) {
  const byStart = new Map((minutes ?? []).map(m => [Math.floor(new Date(m.minute).getTime() / 60000), m]));
  const last = Math.floor(Date.now() / 60000);
  const result = [];
  for (let i = count - 1; i >= 0; i--) {
    const key = last - i;
    result.push({ at: new Date(key * 60000), row: byStart.get(key) ?? null });
  }
  return result;
}

function titled(node, title) {
  node.append(svg('title', {}, title));
  return node;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function frame(container, label, max, format) {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' });
  const plotH = H - PAD.top - PAD.bottom;
  for (const fraction of [0, 0.5, 1]) {
    const y = PAD.top + plotH * (1 - fraction);
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
    root.append(svg('text', { x: PAD.left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' }, format(max * fraction)));
  }
  container.replaceChildren(root);
  return root;
}

function timeAxis(root, points) {
  const plotW = W - PAD.left - PAD.right;
  for (const index of [0, 15, 30, 45, 59]) {
    const x = PAD.left + plotW * (index + 0.5) / points.length;
    const anchor = index === 0 ? 'start' : index === points.length - 1 ? 'end' : 'middle';
    root.append(svg('text', { x, y: H - 5, 'text-anchor': anchor, class: 'axis' }, points[index].at.toISOString().slice(11, 16)));
  }
}

export function drawOutcomes(container, minutes) {
  const points = slots(minutes);
  // At least 4, so an idle hour still has whole numbers on the axis.
  const top = niceMax(Math.max(4, ...points.map(p => (p.row?.applied ?? 0) + (p.row?.failed ?? 0))));
  const max = Math.ceil(top / 2) * 2; // even, so the middle grid line is a whole number
  const root = frame(container, 'Outcomes per minute, applied and failed', max, v => Math.round(v).toString());
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const barW = plotW / points.length;
  let applied = 0;
  let failed = 0;
  points.forEach((point, index) => {
    if (!point.row) return;
    const x = PAD.left + index * barW + 1;
    const a = point.row.applied ?? 0;
    const f = point.row.failed ?? 0;
    applied += a;
    failed += f;
    const hA = plotH * a / max;
    const hF = plotH * f / max;
    const title = `${point.at.toISOString().slice(11, 16)}: ${a} applied, ${f} failed`;
    if (a) root.append(titled(svg('rect', { x, y: PAD.top + plotH - hA, width: Math.max(1, barW - 2), height: hA, class: 'applied' }), title));
    if (f) root.append(titled(svg('rect', { x, y: PAD.top + plotH - hA - hF, width: Math.max(1, barW - 2), height: hF, class: 'failed' }), title));
  });
  timeAxis(root, points);
  container.dataset.applied = String(applied);
  container.dataset.failed = String(failed);
}

export function drawLatency(container, minutes) {
  const points = slots(minutes);
  const values = points.flatMap(p => [p.row?.latencyP50Ms, p.row?.latencyP95Ms]).filter(v => typeof v === 'number');
  const max = niceMax(Math.max(100, ...values));
  const format = v => (max >= 2000 ? `${(v / 1000).toFixed(max >= 20000 ? 0 : 1)} s` : `${Math.round(v)} ms`);
  const root = frame(container, 'ACW to applied latency per minute, p50 and p95', max, format);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = index => PAD.left + plotW * (index + 0.5) / points.length;
  const yOf = value => PAD.top + plotH * (1 - value / max);
  for (const [field, cls] of [['latencyP95Ms', 'p95'], ['latencyP50Ms', 'p50']]) {
    // A minute without applied intents breaks the line rather than drawing a misleading zero.
    let d = '';
    let pen = false;
    points.forEach((point, index) => {
      const value = point.row?.[field];
      if (typeof value !== 'number') { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${xOf(index).toFixed(1)},${yOf(value).toFixed(1)}`;
      pen = true;
      root.append(titled(svg('circle', { cx: xOf(index), cy: yOf(value), r: 2.5, class: cls }),
        `${point.at.toISOString().slice(11, 16)} ${cls}: ${Math.round(value)} ms`));
    });
    if (d) root.insertBefore(svg('path', { d, class: `line ${cls}` }), root.querySelector('circle'));
  }
  if (!values.length)
    root.append(svg('text', { x: PAD.left + (W - PAD.left - PAD.right) / 2, y: PAD.top + (H - PAD.top - PAD.bottom) / 2, 'text-anchor': 'middle', class: 'axis empty' },
      'no intent applied in the last hour'));
  timeAxis(root, points);
  container.dataset.points = String(values.length);
}
