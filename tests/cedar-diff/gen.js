// Random Cedar test cases for the differential test (diff.js).
//
// genBatch(rng) returns one policy set with its entities and many requests:
//   { policies: [{id, text, template}], links: [{templateId, newId, values}],
//     entities: [EntityJson], requests: [{principal, action, resource, context}] }
//
// Coverage: every scope form (==, in, is, is..in, action in [..], slots),
// annotations, when/unless, if-then-else, && || !, == != < <= > >=, in, has
// (nested paths), like (with \* and escapes), is, + - * (with i64 overflow),
// unary -, records, sets, contains/containsAll/containsAny/isEmpty, entity
// tags, the ip/decimal/datetime/duration extensions with all their methods,
// deep and cyclic entity hierarchies, entities missing from the store, and
// evaluation errors of every kind (type errors, missing attributes/tags,
// overflow, bad extension literals and arities). A small share of policy sets
// do not parse (both engines must reject them).
//
// Integers in JSON (entities, contexts) stay within +-2^53 because JavaScript
// numbers cannot carry more; integers in policy text are unrestricted (i64).
'use strict';

function mulberry32(seed) {
  let a = seed >>> 0;
  return function rng() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_JSON_INT = Number.MAX_SAFE_INTEGER; // 2^53 - 1

class Gen {
  constructor(rng) {
    this.rng = rng;
  }
  int(n) { return Math.floor(this.rng() * n); }
  chance(p) { return this.rng() < p; }
  pick(a) { return a[this.int(a.length)]; }
}

// Cedar string literal body, escaped.
function cedarStr(s) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (c < 0x20 || c === 0x7f) out += '\\u{' + c.toString(16) + '}';
    else out += ch;
  }
  return '"' + out + '"';
}

const IDS = ['a', 'b', 'c', 'alice', 'bob', '', 'x y', 'q"uote', 'back\\slash', 'é', '日本', 'tab\t',
  'star*', '0'];
const STRINGS = ['', 'a', 'abc', 'hello world', 'a*b', '*', 'foo.bar', 'Ünïcode', 'x\ny', 'AbC',
  'prefix-123', 'q"', '\\'];
const ATTRS = ['age', 'name', 'flag', 'labels', 'owner', 'addr', 'score', 'created', 'ttl', 'info',
  'level', 'members', 'weird key'];
const TAGS = ['t1', 't2', 'env', 'secret'];
const JSON_IPS = ['127.0.0.1', '10.0.0.1', '192.168.1.0/24', '::1', '2001:db8::/32', '224.0.0.1'];
const IPS = ['127.0.0.1', '10.0.0.1', '10.0.0.1/32', '10.0.0.0/24', '192.168.1.0/24', '10.0.0.0/8', '224.0.0.1', '::1', 'ff02::1',
  '2001:db8::/32', '2001:db8::1', '0.0.0.0/0', '255.255.255.255', '::ffff:1.2.3.4'];
const BAD_IPS = ['1.2.3', '256.0.0.1', '1.2.3.4/33', 'foo', '', '1.2.3.4/-1', '::1/129', '01.2.3.4'];
const DECIMALS = ['0.0', '1.5', '-1.5', '1.2345', '922337203685477.5807', '-922337203685477.5808',
  '3.14', '100.0', '-0.0001'];
const BAD_DECIMALS = ['1', '1.23456', 'abc', '1.', '.5', '922337203685477.5808', '1e5'];
const DATETIMES = ['2024-01-01', '2024-02-29T12:34:56Z', '1970-01-01T00:00:00.001Z',
  '2024-06-15T08:00:00+0200', '2024-06-15T06:00:00Z', '2024-06-15T08:00:00-0130', '1969-12-31', '2000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z'];
const BAD_DATETIMES = ['2024-13-01', '2024-01-01T25:00:00Z', '2024-1-1', 'yesterday',
  '2024-01-01T00:00:00', '2023-02-29'];
const DURATIONS = ['1d', '2h', '30m', '45s', '500ms', '1d2h3m4s5ms', '-1h', '-2d3h', '0ms', '100000d'];
const BAD_DURATIONS = ['1x', '', '1h1d', 'd', '1.5h', '--1h'];

function genBatch(rng, opts = {}) {
  const g = new Gen(rng);
  const nStatic = opts.policies || (3 + g.int(10));
  // cedar-wasm parses the entities and context again for every request, and
  // that dominates its cost: attribute density is kept moderate.
  const attrP = opts.attrP || 0.3;

  // --- entities ------------------------------------------------------------
  const ns = g.chance(0.3) ? 'Ns::' : '';
  const T = { user: ns + 'User', group: ns + 'Group', doc: 'Doc', folder: 'Folder', thing: 'Ns::Thing',
    action: ns + 'Action' };
  const uid = (type, id) => ({ type, id });
  const users = [], groups = [], docs = [], folders = [], things = [];
  const nGroups = 2 + g.int(9); // chains up to 10 deep
  for (let i = 0; i < nGroups; i++) groups.push(uid(T.group, 'g' + i));
  const nFolders = 1 + g.int(6);
  for (let i = 0; i < nFolders; i++) folders.push(uid(T.folder, 'f' + i));
  for (const id of IDS.slice(0, 3 + g.int(8))) users.push(uid(T.user, id));
  for (let i = 0; i < 2 + g.int(4); i++) docs.push(uid(T.doc, 'd' + i));
  for (let i = 0; i < g.int(3); i++) things.push(uid(T.thing, 't' + i));
  const actions = ['read', 'write', 'delete', 'admin'].map((a) => uid(T.action, a));
  const actionGroups = [uid(T.action, 'readOnly'), uid(T.action, 'all')];
  const missing = [uid(T.user, 'ghost'), uid(T.doc, 'nowhere'), uid(T.group, 'gx'),
    uid('Unknown', 'u')];
  const allKnown = [...users, ...groups, ...docs, ...folders, ...things];
  const anyUid = () => (g.chance(0.1) ? g.pick(missing) : g.pick(allKnown));

  const jsonInt = () => {
    const r = g.int(10);
    if (r < 6) return g.int(40) - 10;
    if (r < 8) return g.chance(0.5) ? MAX_JSON_INT : -MAX_JSON_INT;
    return g.int(2000000) * (g.chance(0.5) ? 1 : -1) * 1000003;
  };
  const extn = (fn, arg) => ({ __extn: { fn, arg } });
  const jsonValue = (depth, kind) => {
    const k = kind || g.pick(['long', 'string', 'bool', 'set', 'record', 'entity', 'ip', 'decimal',
      'datetime', 'duration']);
    switch (k) {
      case 'long': return jsonInt();
      case 'string': return g.pick(STRINGS);
      case 'bool': return g.chance(0.5);
      case 'set': {
        const n = g.int(4);
        const ek = g.chance(0.7) ? g.pick(['long', 'string', 'entity']) : undefined;
        const out = [];
        for (let i = 0; i < n; i++) out.push(depth > 0 ? jsonValue(depth - 1, ek) : jsonInt());
        return out;
      }
      case 'record': {
        const out = {};
        const n = g.int(4);
        for (let i = 0; i < n; i++) {
          out[g.pick(['a', 'b', 'c', 'd', 'x y'])] = depth > 0 ? jsonValue(depth - 1) : g.chance(0.5);
        }
        return out;
      }
      case 'entity': return { __entity: anyUid() };
      case 'ip': return extn('ip', g.pick(JSON_IPS));
      case 'decimal': return extn('decimal', g.pick(DECIMALS));
      case 'datetime': return extn('datetime', g.pick(DATETIMES));
      case 'duration': return extn('duration', g.pick(DURATIONS));
      default: throw new Error(k);
    }
  };
  // The usual type of each attribute; sometimes another one (type errors).
  const attrKind = { age: 'long', name: 'string', flag: 'bool', labels: 'set', owner: 'entity',
    addr: 'ip', score: 'decimal', created: 'datetime', ttl: 'duration', info: 'info', level: 'long',
    members: 'entset', 'weird key': 'string' };
  const attrValue = (a) => {
    const k = g.chance(0.05) ? undefined : attrKind[a];
    if (k === 'set') return [g.pick(STRINGS), g.pick(STRINGS)].slice(0, g.int(3));
    if (k === 'info') {
      const r = { a: jsonInt(), b: g.pick(STRINGS) };
      if (g.chance(0.7)) r.c = g.chance(0.8) ? { d: g.chance(0.5) } : {};
      return r;
    }
    if (k === 'entset') return [anyUid(), anyUid()].slice(0, g.int(3)).map((u) => ({ __entity: u }));
    return jsonValue(2, k);
  };
  const attrs = () => {
    const out = {};
    for (const a of ATTRS) if (g.chance(attrP)) out[a] = attrValue(a);
    return out;
  };
  const tags = () => {
    const out = {};
    for (const t of TAGS) if (g.chance(attrP * 0.7)) out[t] = g.chance(0.6) ? g.pick(STRINGS) : jsonValue(1);
    return out;
  };
  const entities = [];
  const chainParent = (list, i) => {
    const ps = [];
    if (i + 1 < list.length && g.chance(0.85)) ps.push(list[i + 1]);
    if (i + 2 < list.length && g.chance(0.2)) ps.push(list[i + 2 + g.int(list.length - i - 2)]);
    if (g.chance(0.05)) ps.push(g.pick(missing));
    return ps;
  };
  const cyc = g.chance(0.02); // Cedar rejects cyclic hierarchies
  groups.forEach((u, i) => {
    const ps = chainParent(groups, i);
    if (cyc && i === groups.length - 1) ps.push(groups[0]);
    entities.push({ uid: u, attrs: attrs(), parents: ps, tags: tags() });
  });
  folders.forEach((u, i) => entities.push({ uid: u, attrs: attrs(), parents: chainParent(folders, i) }));
  for (const u of users) {
    const ps = [];
    for (let k = g.int(3); k > 0; k--) ps.push(g.pick(groups));
    entities.push({ uid: u, attrs: attrs(), parents: ps, tags: tags() });
  }
  for (const u of docs) {
    const ps = [];
    for (let k = g.int(3); k > 0; k--) ps.push(g.pick(folders));
    entities.push({ uid: u, attrs: attrs(), parents: ps, tags: tags() });
  }
  for (const u of things) entities.push({ uid: u, attrs: attrs(), parents: [g.pick(groups)] });
  // Action hierarchy: read in readOnly in all; write, delete in all.
  if (g.chance(0.8)) {
    entities.push({ uid: actions[0], attrs: {}, parents: [actionGroups[0]] });
    entities.push({ uid: actionGroups[0], attrs: {}, parents: [actionGroups[1]] });
    entities.push({ uid: actions[1], attrs: {}, parents: [actionGroups[1]] });
    entities.push({ uid: actions[2], attrs: {}, parents: [actionGroups[1]] });
    entities.push({ uid: actionGroups[1], attrs: {}, parents: [] });
  }

  // --- expressions -----------------------------------------------------------
  const uidText = (u) => u.type + '::' + cedarStr(u.id);
  const anyUidInPolicy = () => (g.chance(0.05) ? uid(T.user, g.pick(IDS)) : anyUid());
  const vars = ['principal', 'resource', 'context'];
  const longLit = () => {
    const r = g.int(20);
    if (r === 0) return '9223372036854775807';
    if (r === 1) return '-9223372036854775808';
    if (r === 2) return '4611686018427387904';
    if (r === 3) return String(MAX_JSON_INT);
    return String(g.int(30) - 10);
  };
  const attrOf = (base, name) => (name === 'weird key' || g.chance(0.1)
    ? `${base}[${cedarStr(name)}]` : `${base}.${name}`);
  const KINDS = ['bool', 'long', 'string', 'entity', 'set', 'record', 'ip', 'decimal', 'datetime',
    'duration'];
  const attrsOfKind = {
    long: ['age', 'level'], string: ['name', 'weird key'], bool: ['flag'], set: ['labels', 'members'],
    entity: ['owner'], ip: ['addr'], decimal: ['score'], datetime: ['created'], duration: ['ttl'],
    record: ['info'],
  };
  // An operand: parenthesized unless it is a single token, so that the
  // generated text parses (Cedar requires parentheses around nested relations).
  const O = (kind, d) => {
    const x = E(kind, d);
    return /^[A-Za-z0-9_:"\-]+$/.test(x) && !/ /.test(x) ? x : `(${x})`;
  };
  const E = (kind, d) => {
    if (g.chance(0.03)) kind = g.pick(KINDS); // type errors on purpose
    const leaf = d <= 0;
    const src = () => g.pick(vars);
    const attrExpr = () => {
      const names = attrsOfKind[kind];
      if (!names) return null;
      if (kind === 'long' && g.chance(0.2)) return attrOf(attrOf(src(), 'info'), 'a');
      if (kind === 'bool' && g.chance(0.2)) return `${src()}.info.c.d`;
      const base = g.chance(0.15) && !leaf ? `(${O('entity', d - 1)})` : src();
      return attrOf(base, g.pick(names));
    };
    const tagExpr = () => `${g.pick(['principal', 'resource'])}.getTag(${cedarStr(g.pick(TAGS))})`;
    switch (kind) {
      case 'bool': {
        const r = leaf ? g.int(4) : g.int(30);
        switch (r) {
          case 0: return g.pick(['true', 'false']);
          case 1: return attrExpr();
          case 2: return `${src()} has ${g.pick(ATTRS.slice(0, 12))}`;
          case 3: return `${g.pick(['principal', 'resource'])}.hasTag(${cedarStr(g.pick(TAGS))})`;
          case 4: return `${E('bool', d - 1)} && ${O('bool', d - 1)}`;
          case 5: return `${O('bool', d - 1)} || ${E('bool', d - 1)}`;
          case 6: return `!(${O('bool', d - 1)})`;
          case 7: return `(if ${O('bool', d - 1)} then ${O('bool', d - 1)} else ${O('bool', d - 1)})`;
          case 8: case 9: {
            const k = g.pick(KINDS);
            return `${O(k, d - 1)} ${g.pick(['==', '!='])} ${O(g.chance(0.8) ? k : g.pick(KINDS), d - 1)}`;
          }
          case 10: case 11: {
            const k = g.pick(['long', 'long', 'long', 'datetime', 'duration', 'decimal']);
            return `${O(k, d - 1)} ${g.pick(['<', '<=', '>', '>='])} ${O(k, d - 1)}`;
          }
          case 12: return `${O('entity', d - 1)} in ${g.chance(0.7) ? O('entity', d - 1) : O('set', d - 1)}`;
          case 13: return `${g.pick(['principal', 'resource'])} in ${uidText(anyUidInPolicy())}`;
          case 14: {
            let p = '';
            for (let i = 1 + g.int(4); i > 0; i--) p += g.pick(['*', 'a', 'b', '\\*', ' ', 'é', '.', 'o']);
            return `${O('string', d - 1)} like "${p}"`;
          }
          case 15: {
            const t = g.pick([T.user, T.group, T.doc, T.folder, T.thing, 'Unknown']);
            return g.chance(0.5) ? `${O('entity', d - 1)} is ${t}`
              : `${O('entity', d - 1)} is ${t} in ${O('entity', d - 1)}`;
          }
          case 16: return `${src()} has info.c.d`;
          case 17: return `${O('set', d - 1)}.contains(${O(g.pick(['long', 'string', 'entity']), d - 1)})`;
          case 18: return `${O('set', d - 1)}.${g.pick(['containsAll', 'containsAny'])}(${O('set', d - 1)})`;
          case 19: return `${O('set', d - 1)}.isEmpty()`;
          case 20: {
            // Extension arity is checked when evaluated (an error, not a parse error).
            const arg = g.chance(0.05) ? O('ip', d - 1) : '';
            return `${O('ip', d - 1)}.${g.pick(['isIpv4', 'isIpv6', 'isLoopback', 'isMulticast'])}(${arg})`;
          }
          case 21: return `${O('ip', d - 1)}.isInRange(${O('ip', d - 1)})`;
          case 22: return `${O('decimal', d - 1)}.${g.pick(['lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual'])}(${O('decimal', d - 1)})`;
          case 23: return `${O('record', d - 1)} has ${g.pick(['a', 'b', 'c', '"x y"'])}`;
          case 24: return g.chance(0.5) ? `context has ${g.pick(ATTRS.slice(0, 12))}`
            : `${g.pick(vars)} has "weird key"`;
          case 25: return `${tagExpr()} == ${O('string', d - 1)}`;
          case 26: return `${g.pick(['principal', 'resource'])} == ${uidText(anyUidInPolicy())}`;
          case 27: return `action in ${uidText(g.pick([...actions, ...actionGroups]))}`;
          case 28: return `${O('datetime', d - 1)} ${g.pick(['<', '>=', '=='])} ${O('datetime', d - 1)}`;
          default: return `${O('duration', d - 1)} ${g.pick(['<', '>', '<=', '!='])} ${O('duration', d - 1)}`;
        }
      }
      case 'long': {
        const r = leaf ? g.int(3) : g.int(12);
        switch (r) {
          case 0: case 1: return longLit();
          case 2: return attrExpr();
          case 3: case 4: return `(${O('long', d - 1)} ${g.pick(['+', '-', '*'])} ${O('long', d - 1)})`;
          case 5: return `-(${O('long', d - 1)})`;
          case 6: return `${O('duration', d - 1)}.${g.pick(['toMilliseconds', 'toSeconds', 'toMinutes', 'toHours', 'toDays'])}()`;
          case 7: return `(if ${O('bool', d - 1)} then ${O('long', d - 1)} else ${O('long', d - 1)})`;
          case 8: return `${longLit()} * ${longLit()}`;
          case 9: return `${O('record', d - 1)}.a`;
          default: return `${g.pick(['principal', 'resource'])}.getTag("t1")`;
        }
      }
      case 'string': {
        const r = leaf ? g.int(2) : g.int(5);
        if (r === 0) return cedarStr(g.pick(STRINGS));
        if (r === 1) return attrExpr();
        if (r === 2) return tagExpr();
        if (r === 3) return `${O('record', d - 1)}.b`;
        return `(if ${O('bool', d - 1)} then ${O('string', d - 1)} else ${O('string', d - 1)})`;
      }
      case 'entity': {
        const r = leaf ? g.int(3) : g.int(6);
        if (r === 0) return g.pick(['principal', 'resource', 'action']);
        if (r === 1) return uidText(anyUidInPolicy());
        if (r === 2) return `${src()}.owner`;
        if (r === 3) return `${O('entity', d - 1)}.owner`;
        if (r === 4) return uidText(g.pick([...actions, ...actionGroups]));
        return `(if ${O('bool', d - 1)} then ${O('entity', d - 1)} else ${O('entity', d - 1)})`;
      }
      case 'set': {
        const r = leaf ? g.int(2) : g.int(5);
        if (r === 0) return attrExpr();
        if (r === 1) {
          return g.pick(['[]', '[1, 2, 3]', '["a", "abc"]', `[${uidText(g.pick(groups))}]`,
            '[[1, 2], [3]]', '[{a: 1}, {a: 1, b: "x"}]', '[ip("10.0.0.1"), ip("10.0.0.1/32")]',
            '[decimal("1.50"), decimal("1.5")]', '["\\u{1F600}", "\\x41", "\\\\"]', '[1, "a", true]']);
        }
        if (r === 2) return `[${O('entity', d - 1)}, ${O('entity', d - 1)}]`;
        if (r === 3) return `[${O('long', d - 1)}, ${O(g.pick(['long', 'string']), d - 1)}]`;
        return `[${O('string', d - 1)}]`;
      }
      case 'record': {
        const r = leaf ? g.int(2) : g.int(3);
        if (r === 0) return attrExpr();
        if (r === 1) return g.pick(['{}', '{a: 1, b: "x"}', '{"x y": true, a: -1}', '{c: {d: false}, a: 2}']);
        return `{a: ${O('long', d - 1)}, b: ${O('string', d - 1)}}`;
      }
      case 'ip': {
        const r = leaf ? g.int(2) : g.int(3);
        if (r === 0) return attrExpr();
        if (r === 1) {
          if (g.chance(0.02)) return g.pick(['ip()', 'ip("1.2.3.4", "x")']);
          return `ip(${cedarStr(g.chance(0.05) ? g.pick(BAD_IPS) : g.pick(IPS))})`;
        }
        return `ip(${O('string', d - 1)})`;
      }
      case 'decimal': {
        const r = leaf ? g.int(2) : g.int(3);
        if (r === 0) return attrExpr();
        if (r === 1) return `decimal(${cedarStr(g.chance(0.05) ? g.pick(BAD_DECIMALS) : g.pick(DECIMALS))})`;
        return `decimal(${O('string', d - 1)})`;
      }
      case 'datetime': {
        const r = leaf ? g.int(2) : g.int(5);
        if (r === 0) return attrExpr();
        if (r === 1) return `datetime(${cedarStr(g.chance(0.05) ? g.pick(BAD_DATETIMES) : g.pick(DATETIMES))})`;
        if (r === 2) return `${O('datetime', d - 1)}.offset(${O('duration', d - 1)})`;
        if (r === 3) return `${O('datetime', d - 1)}.toDate()`;
        return `datetime(${O('string', d - 1)})`;
      }
      case 'duration': {
        const r = leaf ? g.int(2) : g.int(4);
        if (r === 0) return attrExpr();
        if (r === 1) return `duration(${cedarStr(g.chance(0.05) ? g.pick(BAD_DURATIONS) : g.pick(DURATIONS))})`;
        if (r === 2) return `${O('datetime', d - 1)}.durationSince(${O('datetime', d - 1)})`;
        return `${O('datetime', d - 1)}.toTime()`;
      }
      default: throw new Error(kind);
    }
  };

  // --- policies ----------------------------------------------------------------
  const principalScope = (slot) => {
    if (slot) {
      return g.pick(['principal == ?principal', 'principal in ?principal',
        `principal is ${T.user} in ?principal`]);
    }
    switch (g.int(7)) {
      case 0: return `principal == ${uidText(anyUidInPolicy())}`;
      case 1: case 2: return `principal in ${uidText(g.pick([...groups, ...users, ...missing]))}`;
      case 3: return `principal is ${g.pick([T.user, T.group, T.thing])}`;
      case 4: return `principal is ${T.user} in ${uidText(g.pick(groups))}`;
      default: return 'principal';
    }
  };
  const resourceScope = (slot) => {
    if (slot) {
      return g.pick(['resource == ?resource', 'resource in ?resource',
        `resource is ${T.doc} in ?resource`]);
    }
    switch (g.int(7)) {
      case 0: return `resource == ${uidText(anyUidInPolicy())}`;
      case 1: case 2: return `resource in ${uidText(g.pick([...folders, ...docs]))}`;
      case 3: return `resource is ${g.pick([T.doc, T.folder])}`;
      case 4: return `resource is ${T.doc} in ${uidText(g.pick(folders))}`;
      default: return 'resource';
    }
  };
  const actionScope = () => {
    switch (g.int(5)) {
      case 0: return `action == ${uidText(g.pick(actions))}`;
      case 1: return `action in ${uidText(g.pick(actionGroups))}`;
      case 2: {
        const n = g.int(3);
        const xs = [];
        for (let i = 0; i < n + 1; i++) xs.push(uidText(g.pick([...actions, ...actionGroups])));
        return `action in [${xs.join(', ')}]`;
      }
      default: return 'action';
    }
  };
  const policyText = (template) => {
    let s = '';
    if (g.chance(0.2)) s += `@id(${cedarStr('p' + g.int(100))})\n`;
    if (g.chance(0.1)) s += '@advice("text")\n';
    const effect = g.chance(0.7) ? 'permit' : 'forbid';
    const pSlot = template && (g.chance(0.6));
    const rSlot = template && (!pSlot || g.chance(0.5));
    s += `${effect} (${principalScope(pSlot)}, ${actionScope()}, ${resourceScope(rSlot)})`;
    for (let n = g.int(3); n > 0; n--) {
      s += ` ${g.chance(0.75) ? 'when' : 'unless'} { ${E('bool', 1 + g.int(3))} }`;
    }
    return { text: s + ';', pSlot, rSlot };
  };
  const policies = [];
  const links = [];
  const nTemplates = g.chance(0.4) ? 1 + g.int(2) : 0;
  const order = [];
  for (let i = 0; i < nStatic; i++) order.push(false);
  for (let i = 0; i < nTemplates; i++) order.splice(g.int(order.length + 1), 0, true);
  order.forEach((template, i) => {
    const p = policyText(template);
    policies.push({ id: 'policy' + i, text: p.text, template });
    if (template) {
      for (let k = g.int(4); k > 0; k--) {
        const values = {};
        if (p.pSlot) values['?principal'] = g.pick([...users, ...groups, ...missing]);
        if (p.rSlot) values['?resource'] = g.pick([...docs, ...folders]);
        links.push({ templateId: 'policy' + i, newId: `link${i}_${k}`, values });
      }
    }
  });
  if (g.chance(0.01)) {
    // Garbage: both engines must reject the policy set.
    policies.push({ id: 'policy' + policies.length, text: g.pick(['permit(principal, action);',
      'permit(principal, action, resource) when { 1 + };', 'forbid(principal == ?resource, action, resource);',
      'permit(principal, action, resource) when { context.a < 1 < 2 };', 'permit(principal, action, resource) when { ip() };']),
      template: false });
  }

  // --- requests ------------------------------------------------------------------
  const contextValue = () => {
    const out = {};
    for (const a of ATTRS) if (g.chance(attrP)) out[a] = attrValue(a);
    return out;
  };
  const nReq = opts.requests || 100;
  const requests = [];
  for (let i = 0; i < nReq; i++) {
    requests.push({
      principal: g.chance(0.85) ? g.pick([...users, ...things, ...groups]) : g.pick(missing),
      action: g.chance(0.95) ? g.pick(actions) : g.pick(actionGroups),
      resource: g.chance(0.9) ? g.pick([...docs, ...folders]) : g.pick(missing),
      context: contextValue(),
    });
  }
  return { policies, links, entities, requests };
}

module.exports = { genBatch, mulberry32, cedarStr };
