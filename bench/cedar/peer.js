#!/usr/bin/env node
// The peer of bench/cedar/cedar_bench: runs @cedar-policy/cedar-wasm over the
// workloads cedar_bench writes (--write_workloads=DIR), in cedar-wasm's
// fastest mode: the policy set is preparsed once (preparsePolicySet) and each
// decision is one statefulIsAuthorized call. cedar-wasm has no way to keep
// entities between calls, so each call passes the workload's entities (as an
// already-parsed JS value).
//
//   node peer.js run DIR OUT.json [--reps=5] [--budget-ms=1000] [--min-calls=50]
//       per workload and repetition: time each decision (hrtime) for the
//       budget (at least min-calls decisions), p50/p99; the decisions of the
//       first repetition are checked against DIR/<w>/expected.jsonl (Sluice's).
//   node peer.js report SLUICE.json PEER.json
//       SLUICE.json: cedar_bench --benchmark_out (JSON, with repetitions);
//       prints p50/p99 of both engines (medians over repetitions) and ratios.
'use strict';
const fs = require('fs');
const path = require('path');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}
function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function run(dir, out, opts) {
  const cedar = require('@cedar-policy/cedar-wasm/nodejs');
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'policies.cedar')));
  const results = { cedar_wasm_version: cedar.getCedarVersion(), workloads: {} };
  for (const name of names) {
    const d = path.join(dir, name);
    const policies = fs.readFileSync(path.join(d, 'policies.cedar'), 'utf8');
    const entities = JSON.parse(fs.readFileSync(path.join(d, 'entities.json'), 'utf8'));
    const lines = (f) => fs.readFileSync(path.join(d, f), 'utf8').split('\n').filter((l) => l.length);
    const requests = lines('requests.jsonl').map((l) => JSON.parse(l));
    const expected = lines('expected.jsonl');
    const id = `bench-${name}`;
    const pre = cedar.preparsePolicySet(id, { staticPolicies: policies });
    if (pre.type !== 'success') throw new Error(`${name}: preparse failed: ${JSON.stringify(pre.errors)}`);
    const decide = (i) => {
      const r = requests[i];
      const ans = cedar.statefulIsAuthorized({
        principal: r.principal, action: r.action, resource: r.resource, context: r.context,
        preparsedPolicySetId: id, entities,
      });
      if (ans.type !== 'success') throw new Error(`${name}: request ${i}: ${JSON.stringify(ans.errors)}`);
      return ans.response.decision;
    };
    // Every timed decision is compared with Sluice's (expected.jsonl).
    let mismatches = 0, checked = 0;
    for (let i = 0; i < Math.min(5, requests.length); ++i) decide(i);  // warm-up
    const p50s = [], p99s = [];
    let calls = 0;
    for (let rep = 0; rep < opts.reps; ++rep) {
      const lat = [];
      const t_end = process.hrtime.bigint() + BigInt(opts.budgetMs) * 1000000n;
      for (let i = 0; lat.length < 200000; i = (i + 1) % requests.length) {
        const t0 = process.hrtime.bigint();
        const decision = decide(i);
        const t1 = process.hrtime.bigint();
        if (rep === 0 && lat.length < requests.length) {
          ++checked;
          if (decision !== expected[i]) ++mismatches;
        }
        lat.push(Number(t1 - t0));
        if (t1 > t_end && lat.length >= Math.min(opts.minCalls, requests.length)) break;
      }
      lat.sort((a, b) => a - b);
      p50s.push(percentile(lat, 0.5));
      p99s.push(percentile(lat, 0.99));
      calls += lat.length;
    }
    results.workloads[name] = {
      p50_ns: median(p50s), p99_ns: median(p99s), calls, requests: checked, mismatches,
    };
    console.error(`cedar-wasm ${name}: p50 ${(median(p50s) / 1000).toFixed(1)} us, ` +
                  `p99 ${(median(p99s) / 1000).toFixed(1)} us, ${calls} calls, ${mismatches} decision mismatches`);
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
}

function report(sluiceFile, peerFile) {
  const sj = JSON.parse(fs.readFileSync(sluiceFile, 'utf8'));
  const pj = JSON.parse(fs.readFileSync(peerFile, 'utf8'));
  // Medians over repetitions of the per-run p50/p99 counters.
  const runs = {};
  for (const b of sj.benchmarks) {
    if (b.run_type !== 'iteration') continue;
    const name = b.run_name.replace(/^cedar\//, '');
    (runs[name] = runs[name] || { p50: [], p99: [] });
    runs[name].p50.push(b.p50_ns);
    runs[name].p99.push(b.p99_ns);
  }
  const fmt = (ns) => (ns >= 10000 ? (ns / 1000).toFixed(0) : (ns / 1000).toFixed(2));
  const rows = [];
  rows.push('| workload | Sluice p50 (us) | Sluice p99 (us) | cedar-wasm p50 (us) | cedar-wasm p99 (us) | ratio p50 | ratio p99 | decisions agree |');
  rows.push('|---|---|---|---|---|---|---|---|');
  let bad = 0;
  for (const [name, r] of Object.entries(runs)) {
    const p = pj.workloads[name];
    if (!p) continue;
    const s50 = median(r.p50), s99 = median(r.p99);
    bad += p.mismatches;
    rows.push(`| ${name} | ${fmt(s50)} | ${fmt(s99)} | ${fmt(p.p50_ns)} | ${fmt(p.p99_ns)} | ` +
              `${Math.round(p.p50_ns / s50)}x | ${Math.round(p.p99_ns / s99)}x | ` +
              `${p.mismatches === 0 ? `yes (${p.requests})` : `NO: ${p.mismatches} of ${p.requests}`} |`);
  }
  console.log(`cedar-wasm ${pj.cedar_wasm_version}; Sluice: medians over ${Object.values(runs)[0]?.p50.length} repetitions`);
  console.log(rows.join('\n'));
  if (bad) {
    console.error(`${bad} decisions differ between Sluice and cedar-wasm`);
    process.exitCode = 1;
  }
}

const [cmd, ...args] = process.argv.slice(2);
const flag = (n, def) => {
  const a = args.find((x) => x.startsWith(`--${n}=`));
  return a ? Number(a.split('=')[1]) : def;
};
if (cmd === 'run' && args.length >= 2) {
  run(args[0], args[1], { reps: flag('reps', 5), budgetMs: flag('budget-ms', 1000),
               minCalls: flag('min-calls', 50) });
} else if (cmd === 'report' && args.length >= 2) {
  report(args[0], args[1]);
} else {
  console.error('usage: node peer.js run DIR OUT.json [--reps=N] [--budget-ms=MS] | report SLUICE.json PEER.json');
  process.exit(2);
}
