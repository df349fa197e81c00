/* Fuxin Talent static search. No dependencies, no build step.
 * Mirrors search_index (Python): normalize.fold, stemmer.stem,
 * analysis.query_plan, querying (Whoosh BM25F: per-field idf and average
 * length, title score x weights[0], one-character Han tokens as constant-score
 * prefixes; ties by document order). Fetches index/meta.json.gz, the shards holding the query's
 * terms, and one small record per result shown. Change both sides together.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var HERE = new URL(".", script.src).href;
  var INDEX = new URL(script.getAttribute("data-index") || "index/", HERE).href;
  var HAN_OR_LATIN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+)/g;
  var LATIN = /[0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g;
  var DOUBLES = { bb: 1, dd: 1, ff: 1, gg: 1, mm: 1, nn: 1, pp: 1, rr: 1, tt: 1 };
  var meta = null, t2s = {}, stop = {}, shardCache = {}, kindCache = null;

  function fetchOk(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r;
    });
  }

  /* The index files are gzipped by the exporter; inflate them here. */
  function inflate(r) {
    return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }

  function fetchJson(url) {
    return fetchOk(url).then(inflate).then(function (buf) { return JSON.parse(new TextDecoder().decode(buf)); });
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return fetchJson(INDEX + "meta.json.gz").then(function (m) {
      for (var i = 0; i + 1 < m.t2s.length; i += 2) t2s[m.t2s[i]] = m.t2s[i + 1];
      m.stopwords.forEach(function (w) { stop[w] = 1; });
      meta = m;
      return m;
    });
  }

  function cpLen(s) { return Array.from(s).length; }

  function foldChar(ch) {
    var f = ch.normalize("NFKC").toLowerCase();
    if (cpLen(f) !== 1) { var l = ch.toLowerCase(); f = cpLen(l) === 1 ? l : ch; }
    return t2s[f] || f;
  }

  function fold(text) { return Array.from(text, foldChar).join(""); }

  function hasVowel(w) { return /[aeiouy]/.test(w); }

  function stripSuffix(w) {
    var sufs = ["ing", "ed"];
    for (var i = 0; i < sufs.length; i++) {
      var st = w.slice(0, w.length - sufs[i].length);
      if (w.endsWith(sufs[i]) && st.length >= 3 && hasVowel(st)) return DOUBLES[st.slice(-2)] ? st.slice(0, -1) : st;
    }
    return w;
  }

  function stem(w) {
    if (w.length <= 3 || /[0-9]/.test(w)) return w;
    if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("s") && !(w.endsWith("ss") || w.endsWith("us") || w.endsWith("is"))) w = w.slice(0, -1);
    w = stripSuffix(w);
    if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
    return w;
  }

  function bigrams(run) {
    if (run.length === 1) return [run];
    var out = [];
    for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  function latinToken(w) { return stop[w] ? null : stem(w); }

  /* analysis.query_plan: required tokens (AND) and [word, anchor] boosts. */
  function plan(text) {
    var required = [], boosts = [], seen = {}, seenB = {}, m;
    var folded = fold(text);
    HAN_OR_LATIN.lastIndex = 0;
    while ((m = HAN_OR_LATIN.exec(folded))) {
      var toks;
      if (m[1]) {
        toks = m[1].length === 1 && meta.method !== "unibigram" ? [m[1] + "*"] : bigrams(m[1]);
        if (meta.method === "hybrid" && m[1].length > 1) {
          var key = meta.wordMark + m[1] + "\u0000" + toks[0];
          if (!seenB[key]) { seenB[key] = 1; boosts.push([meta.wordMark + m[1], toks[0]]); }
        }
      } else {
        var t = latinToken(m[2]);
        toks = t ? [t] : [];
      }
      toks.forEach(function (t) { if (!seen[t]) { seen[t] = 1; required.push(t); } });
    }
    return { required: required, boosts: boosts };
  }

  function readVarint(bytes, pos) {
    var n = 0, shift = 0, b;
    do { b = bytes[pos.i++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
    return n;
  }

  function termHash(term) {
    var h = 0x811c9dc5;
    for (var ch of term) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  function loadShard(n) {
    if (!shardCache[n]) {
      shardCache[n] = fetch(INDEX + "s/" + n + ".bin.gz").then(function (r) {
        return r.ok ? inflate(r) : new ArrayBuffer(1);
      }).then(function (buf) { return new Uint8Array(buf); });
    }
    return shardCache[n];
  }

  function emptyPostings() { return { dfTitle: 0, dfBody: 0, num: [], tt: [], tb: [], lt: [], lb: [] }; }

  /* Postings of one term: per-field document frequencies and
   * {num, tt, tb, lt, lb} arrays (term counts and Whoosh field lengths). */
  function postings(term) {
    return loadShard(termHash(term) % meta.shards).then(function (bytes) {
      var pos = { i: 0 }, dec = new TextDecoder(), nTerms = readVarint(bytes, pos);
      for (var t = 0; t < nTerms; t++) {
        var tl = readVarint(bytes, pos), name = dec.decode(bytes.subarray(pos.i, pos.i + tl));
        pos.i += tl;
        var p = emptyPostings(), prev = 0, mine = name === term;
        p.dfTitle = readVarint(bytes, pos);
        p.dfBody = readVarint(bytes, pos);
        var n = readVarint(bytes, pos);
        for (var k = 0; k < n; k++) {
          prev += readVarint(bytes, pos);
          var tt = readVarint(bytes, pos), tb = readVarint(bytes, pos), lt = readVarint(bytes, pos), lb = readVarint(bytes, pos);
          if (mine) { p.num.push(prev); p.tt.push(tt); p.tb.push(tb); p.lt.push(lt); p.lb.push(lb); }
        }
        if (mine) return p;
      }
      return emptyPostings();
    });
  }

  function loadKinds() {
    if (!kindCache) kindCache = fetchJson(INDEX + "kinds.json.gz");
    return kindCache;
  }

  /* whoosh.scoring: idf and bm25 exactly as Whoosh computes them. */
  function idf(df) { return Math.log(meta.docCountAll / (df + 1)) + 1; }

  function bm25(idfv, tf, fl, avgfl) {
    var k1 = meta.k1, b = meta.b;
    return idfv * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)));
  }

  /* querying.query_index ranking: AND match, Whoosh BM25F, ties by doc order. */
  function rank(p, lists, kindFilter, kinds, anyWord) {
    var w = meta.weights, phrases = p.required.slice();
    if (!anyWord) p.boosts.forEach(function (pair) { phrases.push(pair[0], pair[1]); });
    var maps = {};
    Object.keys(lists).forEach(function (t) {
      var l = lists[t], m = new Map(), prefix = t.slice(-1) === "*";
      var it = idf(l.dfTitle), ib = idf(l.dfBody);
      for (var i = 0; i < l.num.length; i++) {  // [title score, body score], added in that order
        if (prefix) m.set(l.num[i], [l.tt[i] ? w[0] : 0, l.tb[i] ? w[1] : 0]);  // ConstantScoreQuery(Prefix)
        else m.set(l.num[i], [l.tt[i] ? bm25(it, l.tt[i], l.lt[i], meta.avgfl[0]) * w[0] : 0,
          l.tb[i] ? bm25(ib, l.tb[i], l.lb[i], meta.avgfl[1]) * w[1] : 0]);
      }
      maps[t] = m;
    });
    var order = p.required.slice().sort(function (a, c) { return maps[a].size - maps[c].size; });
    var pool = Array.from(maps[order[0]].keys());
    if (anyWord) {
      var all = new Set();
      order.forEach(function (t) { maps[t].forEach(function (v, d) { all.add(d); }); });
      pool = Array.from(all);
    }
    pool.sort(function (x, y) { return x - y; });
    var docs = pool.filter(function (d) {
      return (anyWord || order.every(function (t) { return maps[t].has(d); })) &&
        (!kindFilter || kindFilter[kinds.k[kinds.c.charCodeAt(d) - 48]]);
    });
    var matched = docs.length;
    if (docs.length > meta.rankWindow) docs = docs.slice(docs.length - meta.rankWindow);  // highest doc numbers
    var scored = docs.map(function (d) {
      var score = 0;
      for (var i = 0; i < phrases.length; i++) {
        var pair = maps[phrases[i]].get(d);
        if (pair) { if (pair[0]) score += pair[0]; if (pair[1]) score += pair[1]; }
      }
      return { num: d, score: score };
    });
    scored.sort(function (x, y) { return y.score - x.score || x.num - y.num; });
    scored.matched = matched;
    return scored;
  }

  /* Search: resolves to {total, hits: [{num, score, doc}]} for one page. */
  function search(text, options) {
    options = options || {};
    var page = options.page || 1, perPage = options.perPage || 10;
    return loadMeta().then(function () {
      var p = plan(text), terms = {};
      if (!p.required.length) return { total: 0, hits: [], plan: p };
      p.required.concat.apply(p.required, p.boosts).forEach(function (t) { terms[t] = 1; });
      var names = Object.keys(terms), kindFilter = null;
      if (options.kinds && options.kinds.length) {
        kindFilter = {};
        options.kinds.forEach(function (k) { kindFilter[k] = 1; });
      }
      return Promise.all(names.map(postings).concat([kindFilter ? loadKinds() : null])).then(function (res) {
        var lists = {};
        names.forEach(function (t, i) { lists[t] = res[i]; });
        var ranked = rank(p, lists, kindFilter, res[names.length], false), partial = false;
        if (!ranked.matched && p.required.length > 1) {  // no document has every word: some will do
          ranked = rank(p, lists, kindFilter, res[names.length], true);
          partial = true;
        }
        var shown = ranked.slice((page - 1) * perPage, page * perPage);
        return Promise.all(shown.map(function (h) {
          return fetchJson(INDEX + "d/" + h.num + ".json.gz");
        })).then(function (recs) {
          return { total: ranked.matched, plan: p, partial: partial, hits: shown.map(function (h, i) { h.doc = recs[i]; return h; }) };
        });
      });
    });
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  /* snippets.snippet: a window around the densest matches, <mark>ed. */
  function snippet(text, p, width) {
    width = width || 120;
    var folded = fold(text), spans = [], toks = p.required.concat(p.boosts.map(function (b) { return b[1]; })), m;
    var latin = {};
    toks.forEach(function (t) {
      if (/^[\x00-\x7f]*$/.test(t)) { latin[t] = 1; return; }
      t = t.replace(/\*$/, "");
      for (var i = folded.indexOf(t); i !== -1; i = folded.indexOf(t, i + 1)) spans.push([i, i + t.length]);
    });
    LATIN.lastIndex = 0;
    while ((m = LATIN.exec(folded))) if (latin[latinToken(m[0])]) spans.push([m.index, m.index + m[0].length]);
    spans.sort(function (a, c) { return a[0] - c[0] || a[1] - c[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]); else merged.push(s.slice());
    });
    var best = 0, bestCount = -1;
    merged.forEach(function (s) {
      var c = merged.filter(function (o) { return o[0] >= s[0] && o[0] < s[0] + width; }).length;
      if (c > bestCount) { best = s[0]; bestCount = c; }
    });
    var start = merged.length ? Math.max(0, best - Math.floor(width / 6)) : 0, end = Math.min(text.length, start + width);
    var out = start ? "…" : "", pos = start;
    merged.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) return;
      var a = Math.max(s[0], start), z = Math.min(s[1], end);
      out += esc(text.slice(pos, a)) + "<mark>" + esc(text.slice(a, z)) + "</mark>";
      pos = z;
    });
    return out + esc(text.slice(pos, end)) + (end < text.length ? "…" : "");
  }

  function link(url) {
    if (!meta.base) return url;
    return new URL(meta.base + url.replace(/^\//, ""), HERE).href;
  }

  function render(list, status, text, result) {
    list.innerHTML = result.hits.map(function (h) {
      return '<li><a href="' + esc(link(h.doc.u)) + '">' + esc(h.doc.t) + "</a>" +
        '<p class="snippet">' + snippet(h.doc.b, result.plan) + "</p></li>";
    }).join("");
    if (status) {
      status.textContent = result.total ? result.total + " results for “" + text + "”" +
        (result.partial ? " (no page has every word; these have some of them)" : "") :
        text ? "No results for “" + text + "”. Try fewer or shorter words, or another spelling." : "";
    }
  }

  function renderPages(nav, params, page, total) {
    if (!nav) return;
    var links = [];
    [[page - 1, "‹ 上一页 Previous"], [page + 1, "下一页 Next ›"]].forEach(function (pair) {
      if (pair[0] < 1 || (pair[0] - 1) * 10 >= total) return;
      params.set("page", pair[0]);
      links.push('<a href="?' + esc(params.toString()) + '">' + pair[1] + "</a>");
    });
    nav.innerHTML = links.join(" ");
  }

  function selectTouched(select) {
    // With no option marked `selected` in the markup, the first one is the untouched choice.
    var initial = 0;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].defaultSelected) initial = i;
    return select.selectedIndex !== initial;
  }

  function run() {
    var list = document.getElementById("search-results");
    if (!list) return;
    var params = new URLSearchParams(location.search), q = params.get("q") || "";
    // The script may arrive after the visitor has started typing or choosing: fill the form from
    // the address only where they have not touched it, so what they typed is what they submit.
    var input = document.querySelector("input[name=q]");
    if (input && input.value === input.defaultValue) input.value = q;
    var kinds = params.getAll("kind").filter(Boolean), page = Number(params.get("page")) || 1;
    var select = document.querySelector("select[name=kind]");
    if (select && kinds.length && !selectTouched(select)) select.value = kinds[0];
    search(q, { kinds: kinds, page: page }).then(function (result) {
      render(list, document.getElementById("search-status"), q, result);
      renderPages(document.getElementById("search-pages"), params, page, result.total);
      list.setAttribute("data-state", "done");
    }, function (err) {
      list.setAttribute("data-state", "error");
      list.setAttribute("data-error", String(err));
    });
  }

  window.FuxinSearch = { search: search, plan: plan, fold: fold, stem: stem, ready: loadMeta };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
