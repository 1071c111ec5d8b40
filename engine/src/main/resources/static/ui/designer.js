// The template designer: a list of templates, and a designer that shows a template's stages as cards in
// flow order (parallel stages side by side), edits each stage in a drawer in plain words, checks the draft
// on the server as it changes, draws it, previews it and publishes it. It edits a deep copy of the template
// JSON the API speaks, so whatever it does not show is saved back as it came.
import { api, ApiError, cookie, currentWorkspace, describe } from './api.js'
import { localName } from './i18n.js'

if (!document.querySelector('link[data-designer]')) {
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = '/ui/designer.css'
  link.dataset.designer = ''
  document.head.appendChild(link)
}

export const FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select',
  'multiselect', 'user', 'users', 'url', 'email', 'attachment']
const NUMERIC = ['number', 'money', 'percent']
const TEXTUAL = ['text', 'textarea', 'url', 'email']
const CHOICE = ['select', 'multiselect']
const OUTCOMES = ['go', 'conditional', 'hold', 'kill', 'recycle']

export const clone = (x) => JSON.parse(JSON.stringify(x))
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)
/** Sets a property, or removes it when the value is empty, so the saved JSON carries only what was said. */
function put(obj, key, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
    || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) delete obj[key]
  else obj[key] = value
}
function putName(obj, lang, value) {
  const names = { ...(obj.names || {}) }
  put(names, lang, value)
  put(obj, 'names', names)
}

/** A request with a raw body (YAML or JSON text) and the headers the API wants. */
async function send(path, method, body, contentType, accept) {
  const headers = { Accept: accept || 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }
  if (contentType) headers['Content-Type'] = contentType
  if (currentWorkspace()) headers['X-Tollgate-Workspace'] = currentWorkspace()
  let r
  try { r = await fetch(path, { method, headers, body, credentials: 'same-origin' }) } catch (e) { throw new ApiError(0, { type: 'network' }) }
  if (!r.ok) {
    let problem = null
    try { problem = await r.json() } catch (e) { problem = null }
    throw new ApiError(r.status, problem)
  }
  return r
}
const path = (key) => '/api/templates/' + encodeURIComponent(key)

// ---- the flow: prerequisites, rows of parallel stages, and edits that keep every other stage's order -------
export function prereqs(stages, i) {
  const s = stages[i]
  if (Array.isArray(s.after)) return s.after
  return i > 0 ? [stages[i - 1].key] : []
}
/** Stage indexes grouped by depth: a row holds the stages that can run side by side. */
export function rows(stages) {
  const index = new Map(stages.map((s, i) => [s.key, i]))
  const rank = new Array(stages.length).fill(null)
  const visiting = new Set()
  const depth = (i) => {
    if (rank[i] !== null) return rank[i]
    if (visiting.has(i)) return 0
    visiting.add(i)
    let d = 0
    for (const p of prereqs(stages, i)) {
      const j = index.get(p)
      if (j !== undefined) d = Math.max(d, depth(j) + 1)
    }
    visiting.delete(i)
    rank[i] = d
    return d
  }
  stages.forEach((_, i) => depth(i))
  const out = []
  rank.forEach((r, i) => { (out[r] = out[r] || []).push(i) })
  return out.filter(Boolean)
}
/**
 * Changes the flow: {@code change} gets each stage's prerequisites (as they are before) to rewrite, and may
 * insert, remove or reorder stages. Afterwards a stage keeps its implicit "after the previous one" where that
 * still says what it should, and gets an explicit {@code after} only where it must.
 */
export function rewire(tpl, change) {
  const stages = tpl.stages
  // by key: the stages may be reactive proxies of the objects a change inserts
  const wanted = new Map(stages.map((s, i) => [s.key, [...prereqs(stages, i)]]))
  change(wanted)
  stages.forEach((s, i) => {
    const want = wanted.get(s.key)
    if (!want) return
    const implicit = i > 0 ? [stages[i - 1].key] : []
    if (Array.isArray(s.after) ? same(s.after, want) : same(implicit, want)) return
    s.after = want
  })
}
function freshKey(taken, base) {
  let n = 1
  while (taken.includes(base + n)) n++
  return base + n
}

// ---- durations in days or hours ------------------------------------------------------------------------
function splitDuration(iso) {
  if (!iso) return { n: '', unit: 'D' }
  let m = /^P(\d+)D$/.exec(iso)
  if (m) return { n: m[1], unit: 'D' }
  m = /^PT(\d+)H$/.exec(iso)
  if (m) return { n: m[1], unit: 'H' }
  return null
}
function durationWords(iso, t) {
  const d = splitDuration(iso)
  if (!d || !d.n) return iso || ''
  return d.n + ' ' + t(d.unit === 'D' ? 'dr.days' : 'dr.hours')
}

const DurationInput = {
  inject: ['t'],
  props: { obj: Object, prop: String, id: String, label: String },
  computed: {
    parts() { return splitDuration(this.obj[this.prop]) },
  },
  methods: {
    set(n, unit) {
      const v = String(n || '').trim()
      put(this.obj, this.prop, v === '' ? '' : (unit === 'H' ? 'PT' + v + 'H' : 'P' + v + 'D'))
    },
  },
  template: `
  <div class="field dz-duration">
    <label :for="id">{{ label }}</label>
    <div v-if="parts" class="inline">
      <input :id="id" type="number" min="0" max="3650" step="1" :value="parts.n" @input="set($event.target.value, parts.unit)">
      <select :aria-label="label + ' (' + t('dr.days') + '/' + t('dr.hours') + ')'" :value="parts.unit" @change="set(parts.n, $event.target.value)">
        <option value="D">{{ t('dr.days') }}</option><option value="H">{{ t('dr.hours') }}</option></select>
    </div>
    <input v-else :id="id" :value="obj[prop]" @input="put(obj, prop, $event.target.value)">
  </div>`,
}
DurationInput.methods.put = put

// ---- the rule builder: AND/OR groups of conditions over declared fields, written as Groovy ------------------
const OPS = { eq: '==', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' }
export function operatorsFor(type) {
  if (NUMERIC.includes(type)) return ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'empty', 'filled']
  if (type === 'boolean') return ['true', 'false']
  if (['multiselect', 'users'].includes(type)) return ['contains', 'empty', 'filled']
  if (['text', 'textarea', 'url', 'email'].includes(type)) return ['eq', 'ne', 'contains', 'empty', 'filled']
  if (['select', 'user'].includes(type)) return ['eq', 'ne', 'empty', 'filled']
  return ['empty', 'filled']
}
const needsValue = (op) => !['empty', 'filled', 'true', 'false'].includes(op)
function literal(value, type) {
  const v = String(value ?? '').trim()
  if (NUMERIC.includes(type) && /^-?\d+(\.\d+)?$/.test(v)) return v
  return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
}
function condition(c, types) {
  const type = types[c.field]
  if (c.op === 'empty') return c.field + ' == null'
  if (c.op === 'filled') return c.field + ' != null'
  if (c.op === 'true') return c.field + ' == true'
  if (c.op === 'false') return c.field + ' == false'
  if (c.op === 'contains') return c.field + '?.contains(' + literal(c.value, type) + ')'
  return c.field + ' ' + OPS[c.op] + ' ' + literal(c.value, type)
}
export function toGroovy(rule, types) {
  const groups = rule.groups.filter(g => g.conditions.length)
  const parts = groups.map(g => {
    const text = g.conditions.map(c => condition(c, types)).join(g.op === 'or' ? ' || ' : ' && ')
    return g.conditions.length > 1 && groups.length > 1 ? '(' + text + ')' : text
  })
  return parts.join(rule.op === 'or' ? ' || ' : ' && ')
}
/** Splits at the top level (outside brackets and quotes) on && or ||; null when both appear. */
function split(text) {
  const parts = []
  let depth = 0, quote = false, start = 0, op = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote) { if (ch === '\\') i++; else if (ch === "'") quote = false; continue }
    if (ch === "'") quote = true
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && (text.startsWith(' && ', i) || text.startsWith(' || ', i))) {
      const found = text[i + 1] === '&' ? 'and' : 'or'
      if (op && op !== found) return null
      op = found
      parts.push(text.substring(start, i).trim())
      start = i + 4
      i += 3
    }
  }
  parts.push(text.substring(start).trim())
  return { op: op || 'and', parts }
}
function parseLiteral(text) {
  if (/^-?\d+(\.\d+)?$/.test(text)) return text
  const m = /^'((?:[^'\\]|\\.)*)'$/.exec(text)
  return m ? m[1].replace(/\\(.)/g, '$1') : null
}
function parseCondition(text) {
  let m
  if ((m = /^(\w+) == null$/.exec(text))) return { field: m[1], op: 'empty', value: '' }
  if ((m = /^(\w+) != null$/.exec(text))) return { field: m[1], op: 'filled', value: '' }
  if ((m = /^(\w+) == true$/.exec(text))) return { field: m[1], op: 'true', value: '' }
  if ((m = /^(\w+) == false$/.exec(text))) return { field: m[1], op: 'false', value: '' }
  if ((m = /^(\w+)\?\.contains\((.+)\)$/.exec(text))) {
    const v = parseLiteral(m[2])
    return v === null ? null : { field: m[1], op: 'contains', value: v }
  }
  if ((m = /^(\w+) (==|!=|>=|<=|>|<) (.+)$/.exec(text))) {
    const v = parseLiteral(m[3])
    const op = Object.keys(OPS).find(k => OPS[k] === m[2])
    return v === null ? null : { field: m[1], op, value: v }
  }
  return null
}
/** The rule a Groovy text was built from, or null when it says more than the builder can show. */
export function parseRule(text) {
  if (!text || !text.trim()) return { op: 'and', groups: [] }
  const top = split(text.trim())
  if (!top) return null
  const groups = []
  for (const part of top.parts) {
    if (part.startsWith('(') && part.endsWith(')')) {
      const inner = split(part.substring(1, part.length - 1).trim())
      if (!inner) return null
      const conditions = inner.parts.map(parseCondition)
      if (conditions.includes(null)) return null
      groups.push({ op: inner.op, conditions })
    } else {
      const c = parseCondition(part)
      if (!c) return null
      groups.push({ op: 'and', conditions: [c] })
    }
  }
  return { op: top.op, groups }
}

let uid = 0
const RuleBuilder = {
  inject: ['t'],
  props: { modelValue: String, fields: Array, label: String },
  emits: ['update:modelValue'],
  data() { return { rule: parseRule(this.modelValue || ''), last: this.modelValue || '', id: 'rb' + (++uid) } },
  watch: {
    modelValue(v) {
      if ((v || '') !== this.last) { this.rule = parseRule(v || ''); this.last = v || '' }
    },
  },
  computed: {
    types() { return Object.fromEntries(this.fields.map(f => [f.key, f.type])) },
  },
  methods: {
    emit() {
      const text = toGroovy(this.rule, this.types)
      this.last = text
      this.$emit('update:modelValue', text)
    },
    typed(e) { this.last = e.target.value; this.$emit('update:modelValue', e.target.value); this.rule = parseRule(e.target.value) },
    restart() { this.rule = { op: 'and', groups: [] }; this.addGroup() },
    addGroup() {
      const f = this.fields[0]
      if (!f) return
      this.rule.groups.push({ op: 'and', conditions: [{ field: f.key, op: operatorsFor(f.type)[0], value: '' }] })
      this.emit()
    },
    addCondition(g) {
      const f = this.fields[0]
      g.conditions.push({ field: f.key, op: operatorsFor(f.type)[0], value: '' })
      this.emit()
    },
    removeCondition(g, i) {
      g.conditions.splice(i, 1)
      if (!g.conditions.length) this.rule.groups.splice(this.rule.groups.indexOf(g), 1)
      this.emit()
    },
    fieldChanged(c) {
      const ops = operatorsFor(this.types[c.field])
      if (!ops.includes(c.op)) c.op = ops[0]
      this.emit()
    },
    operatorsFor, needsValue,
    fieldLabel(f) { return (f.label || f.key) + ' (' + this.t('type.' + f.type) + ')' },
  },
  template: `
  <div class="rule-builder" :data-rule="id">
    <p v-if="!fields.length" class="muted hint">{{ t('rb.noFields') }}</p>
    <template v-else-if="rule">
      <p v-if="!rule.groups.length" class="muted">{{ label }}</p>
      <div v-else class="inline">
        <label :for="id + '-op'" class="sr-only">{{ t('rb.operator') }}</label>
        <select :id="id + '-op'" v-model="rule.op" @change="emit" class="rb-top">
          <option value="and">{{ t('rb.all') }}</option><option value="or">{{ t('rb.any') }}</option></select>
      </div>
      <fieldset v-for="(g, gi) in rule.groups" :key="gi" class="rb-group">
        <legend>{{ t('rb.group', { n: gi + 1 }) }}
          <select v-if="g.conditions.length > 1" v-model="g.op" @change="emit" :aria-label="t('rb.group', { n: gi + 1 }) + ' ' + t('rb.operator')">
            <option value="and">{{ t('rb.groupAll') }}</option><option value="or">{{ t('rb.groupAny') }}</option></select></legend>
        <div v-for="(c, ci) in g.conditions" :key="ci" class="rb-condition">
          <select v-model="c.field" @change="fieldChanged(c)" :aria-label="t('rb.field')" :id="id + '-' + gi + '-' + ci + '-field'">
            <option v-for="f in fields" :key="f.key" :value="f.key">{{ fieldLabel(f) }}</option></select>
          <select v-model="c.op" @change="emit" :aria-label="t('rb.operator')" :id="id + '-' + gi + '-' + ci + '-op'">
            <option v-for="o in operatorsFor(types[c.field])" :key="o" :value="o">{{ t('op.' + o) }}</option></select>
          <input v-if="needsValue(c.op)" v-model="c.value" @input="emit" :aria-label="t('rb.value')" :id="id + '-' + gi + '-' + ci + '-value'"
            :type="['number','money','percent'].includes(types[c.field]) ? 'number' : 'text'">
          <button type="button" class="small" @click="removeCondition(g, ci)" :aria-label="t('rb.removeCondition')">✕</button>
        </div>
        <button type="button" class="small" @click="addCondition(g)">+ {{ t('rb.addCondition') }}</button>
      </fieldset>
      <button type="button" class="small rb-add-group" @click="addGroup">+ {{ t('rb.addGroup') }}</button>
    </template>
    <p v-else class="hint">{{ t('rb.custom') }} <button type="button" class="small" @click="restart">{{ t('rb.useRules') }}</button></p>
    <details class="more" :open="!rule">
      <summary>{{ t('rb.groovy') }}</summary>
      <label :for="id + '-groovy'" class="sr-only">{{ t('rb.groovy') }}</label>
      <textarea :id="id + '-groovy'" rows="2" :value="modelValue" @change="typed" spellcheck="false"></textarea>
    </details>
  </div>`,
}

// ---- who: a role, a person or a group -----------------------------------------------------------------------
const WhoPicker = {
  inject: ['t', 'store'],
  props: { roles: Object, id: String, label: String, button: String },
  emits: ['pick'],
  data: () => ({ kind: 'role', who: '' }),
  computed: {
    choices() {
      if (this.kind === 'role') return Object.keys(this.roles || {}).map(k => ({ value: k, label: localName(this.store.lang, this.roles[k], k) }))
      if (this.kind === 'user') return this.store.people.map(p => ({ value: p.username, label: p.displayName ? p.displayName + ' (' + p.username + ')' : p.username }))
      return null
    },
  },
  methods: {
    pick() {
      const who = this.who.trim()
      if (!who) return
      this.$emit('pick', this.kind === 'role' ? who : this.kind + ':' + who)
      this.who = ''
    },
  },
  template: `
  <div class="inline who-picker">
    <select :aria-label="label + ': ' + t('as.kind')" v-model="kind" @change="who = ''" :id="id + '-kind'">
      <option value="role">{{ t('as.role') }}</option><option value="user">{{ t('as.user') }}</option><option value="group">{{ t('as.group') }}</option></select>
    <select v-if="choices" :aria-label="label + ': ' + t('as.who')" v-model="who" :id="id + '-who'">
      <option value="" disabled>—</option>
      <option v-for="c in choices" :key="c.value" :value="c.value">{{ c.label }}</option></select>
    <input v-else :aria-label="label + ': ' + t('as.who')" v-model="who" :id="id + '-who'">
    <button type="button" class="small" @click="pick" :id="id + '-add'">{{ button }}</button>
  </div>`,
}
function whoWords(ref, tpl, lang, people) {
  if (!ref) return ''
  if (ref.startsWith('user:')) {
    const p = (people || []).find(x => x.username === ref.substring(5))
    return p && p.displayName ? p.displayName : ref.substring(5)
  }
  if (ref.startsWith('group:')) return '@' + ref.substring(6)
  const role = tpl.roles && tpl.roles[ref]
  return role ? localName(lang, role, ref) : ref
}

// ---- fields with their rules ---------------------------------------------------------------------------------
const FieldList = {
  inject: ['t', 'store'],
  props: { owner: Object, id: String, problems: Array, base: String, taken: Array },
  emits: ['add'],
  data: () => ({ openIndex: null }),
  computed: { list() { return this.owner.fields || [] } },
  methods: {
    put, putName,
    numeric: (t) => NUMERIC.includes(t), textual: (t) => TEXTUAL.includes(t), choice: (t) => CHOICE.includes(t),
    add() {
      const key = freshKey(this.taken || this.list.map(f => f.key), 'field')
      if (!Array.isArray(this.owner.fields)) this.owner.fields = []
      this.owner.fields.push({ key, name: key, type: 'text' })
      this.openIndex = this.owner.fields.length - 1
    },
    remove(i) { this.owner.fields.splice(i, 1); if (!this.owner.fields.length) delete this.owner.fields; this.openIndex = null },
    move(i, d) { const [f] = this.list.splice(i, 1); this.list.splice(i + d, 0, f) },
    setType(f, type) {
      f.type = type
      if (!NUMERIC.includes(type)) { delete f.min; delete f.max }
      if (type !== 'money') delete f.currency
      if (!TEXTUAL.includes(type)) { delete f.minLength; delete f.maxLength; delete f.pattern }
      if (!CHOICE.includes(type)) delete f.options
      else if (!f.options) f.options = [{ value: 'a', name: 'A' }]
    },
    num(f, key, v) { put(f, key, v === '' ? '' : Number(v)) },
    problemsOf(i) { return (this.problems || []).filter(p => p.path.startsWith(this.base + '[' + i + ']')) },
    name(f) { return localName(this.store.lang, f, f.key) },
  },
  template: `
  <div class="field-list">
    <p v-if="!list.length" class="muted">{{ t('fd.none') }}</p>
    <details v-for="(f, i) in list" :key="i" class="dz-item" :open="openIndex === i" :data-field="f.key" :class="{ bad: problemsOf(i).some(p => p.severity === 'error') }">
      <summary>{{ t('fd.title', { n: i + 1, name: name(f) }) }} · {{ t('type.' + f.type) }}<span v-if="f.required" class="req"> *</span>
        <span v-if="problemsOf(i).length" class="badge dz-bad">{{ t('d.cardProblems', { n: problemsOf(i).length }) }}</span></summary>
      <ul v-if="problemsOf(i).length" class="dz-problems"><li v-for="p in problemsOf(i)" :key="p.path + p.code" :class="p.severity">{{ p.message }}</li></ul>
      <div class="grid">
        <div class="field"><label :for="id + i + '-key'">{{ t('fd.key') }}</label><input :id="id + i + '-key'" v-model.trim="f.key"></div>
        <div class="field"><label :for="id + i + '-type'">{{ t('fd.type') }}</label>
          <select :id="id + i + '-type'" :value="f.type" @change="setType(f, $event.target.value)">
            <option v-for="ty in ['text','textarea','number','money','percent','date','datetime','boolean','select','multiselect','user','users','url','email','attachment']" :key="ty" :value="ty">{{ t('type.' + ty) }}</option></select></div>
        <div class="field"><label :for="id + i + '-en'">{{ t('dr.nameEn') }}</label><input :id="id + i + '-en'" :value="f.name" @input="put(f, 'name', $event.target.value)"></div>
        <div class="field"><label :for="id + i + '-zh'">{{ t('dr.nameZh') }}</label><input :id="id + i + '-zh'" :value="f.names && f.names['zh-CN']" @input="putName(f, 'zh-CN', $event.target.value)"></div>
      </div>
      <label class="check"><input type="checkbox" :id="id + i + '-required'" :checked="!!f.required" @change="put(f, 'required', $event.target.checked || '')"> {{ t('fd.required') }}</label>
      <div v-if="numeric(f.type)" class="grid">
        <div class="field"><label :for="id + i + '-min'">{{ t('fd.min') }}</label><input type="number" :id="id + i + '-min'" :value="f.min" @input="num(f, 'min', $event.target.value)"></div>
        <div class="field"><label :for="id + i + '-max'">{{ t('fd.max') }}</label><input type="number" :id="id + i + '-max'" :value="f.max" @input="num(f, 'max', $event.target.value)"></div>
        <div v-if="f.type === 'money'" class="field"><label :for="id + i + '-cur'">{{ t('fd.currency') }}</label><input :id="id + i + '-cur'" :value="f.currency" maxlength="3" @input="put(f, 'currency', $event.target.value.toUpperCase())"></div>
      </div>
      <div v-if="textual(f.type)" class="grid">
        <div class="field"><label :for="id + i + '-minl'">{{ t('fd.minLength') }}</label><input type="number" min="0" :id="id + i + '-minl'" :value="f.minLength" @input="num(f, 'minLength', $event.target.value)"></div>
        <div class="field"><label :for="id + i + '-maxl'">{{ t('fd.maxLength') }}</label><input type="number" min="0" :id="id + i + '-maxl'" :value="f.maxLength" @input="num(f, 'maxLength', $event.target.value)"></div>
        <div class="field"><label :for="id + i + '-pat'">{{ t('fd.pattern') }}</label><input :id="id + i + '-pat'" :value="f.pattern" @input="put(f, 'pattern', $event.target.value)" spellcheck="false"></div>
      </div>
      <fieldset v-if="choice(f.type)" class="dz-options"><legend>{{ t('fd.options') }}</legend>
        <div v-for="(o, oi) in (f.options || [])" :key="oi" class="inline">
          <input :aria-label="t('fd.optValue') + ' ' + (oi + 1)" v-model.trim="o.value">
          <input :aria-label="t('dr.nameEn') + ' ' + (oi + 1)" :value="o.name" @input="put(o, 'name', $event.target.value)">
          <input :aria-label="t('dr.nameZh') + ' ' + (oi + 1)" :value="o.names && o.names['zh-CN']" @input="putName(o, 'zh-CN', $event.target.value)">
          <button type="button" class="small" @click="f.options.splice(oi, 1)" :aria-label="t('d.removeShort') + ' ' + o.value">✕</button>
        </div>
        <button type="button" class="small" @click="(f.options = f.options || []).push({ value: 'option' + (f.options.length + 1) })">+ {{ t('fd.optAdd') }}</button>
      </fieldset>
      <div class="row-actions">
        <button type="button" class="small" :disabled="i === 0" @click="move(i, -1)" :aria-label="t('d.moveUp', { name: name(f) })">↑</button>
        <button type="button" class="small" :disabled="i === list.length - 1" @click="move(i, 1)" :aria-label="t('d.moveDown', { name: name(f) })">↓</button>
        <button type="button" class="small" @click="remove(i)">{{ t('d.remove', { name: name(f) }) }}</button>
      </div>
    </details>
    <button type="button" class="small dz-add-field" :id="id + 'add'" @click="add">+ {{ t('fd.add') }}</button>
  </div>`,
}

// ---- a readable diff between two versions --------------------------------------------------------------------
export function diffTemplates(a, b, lang) {
  const out = []
  const label = (x, fallback) => (x && typeof x === 'object' && (x.key || x.field || x.value)) ? localName(lang, x, x.key || x.field || x.value) : fallback
  const show = (v) => v === undefined ? '—' : (typeof v === 'object' ? JSON.stringify(v) : String(v))
  const walk = (x, y, trail) => {
    if (same(x, y)) return
    const keyed = (arr) => Array.isArray(arr) && arr.length > 0 && arr.every(e => e && typeof e === 'object' && typeof e.key === 'string')
    if ((keyed(x) || keyed(y)) && (x === undefined || keyed(x)) && (y === undefined || keyed(y))) {
      const xs = x || [], ys = y || []
      for (const e of xs) if (!ys.some(f => f.key === e.key)) out.push({ kind: 'removed', path: [...trail, label(e, e.key)], before: '', after: '' })
      for (const f of ys) {
        const e = xs.find(g => g.key === f.key)
        if (!e) out.push({ kind: 'added', path: [...trail, label(f, f.key)], before: '', after: '' })
        else walk(e, f, [...trail, label(f, f.key)])
      }
      return
    }
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (x[k] === undefined && y[k] !== undefined && typeof y[k] === 'object') out.push({ kind: 'added', path: [...trail, k], before: '', after: show(y[k]) })
        else if (y[k] === undefined && x[k] !== undefined && typeof x[k] === 'object') out.push({ kind: 'removed', path: [...trail, k], before: show(x[k]), after: '' })
        else walk(x[k], y[k], [...trail, k])
      }
      return
    }
    out.push({ kind: 'changed', path: trail, before: show(x), after: show(y) })
  }
  walk(a, b, [])
  return out
}

// ---- the template list ------------------------------------------------------------------------------------------
export const TemplatesView = {
  inject: ['t', 'store'],
  data: () => ({ list: null, full: {}, error: '', key: '', from: '', busy: false, notice: '' }),
  created() { this.load() },
  methods: {
    async load() {
      try { this.list = await api('/api/templates') } catch (e) { this.error = describe(e, this.t); return }
      // names in the reader's language come with each template itself
      for (const x of this.list) {
        api(path(x.key) + (x.latestVersion ? '' : '?draft=true')).then(tpl => { this.full[x.key] = tpl }).catch(() => {})
      }
    },
    name(tpl) { const full = this.full[tpl.key]; return full ? localName(this.store.lang, full, tpl.key) : (tpl.name || tpl.key) },
    async create() {
      this.error = ''
      const key = this.key.trim()
      if (this.list.some(x => x.key === key)) { this.error = this.t('tl.keyTaken'); return }
      this.busy = true
      try {
        let body
        if (this.from) {
          const src = this.list.find(x => x.key === this.from)
          body = await api(path(this.from) + (src && src.latestVersion ? '' : '?draft=true'))
          body.key = key
        } else {
          body = { key, name: key, roles: { pm: { name: 'Project manager', names: { 'zh-CN': '项目经理' } } },
            stages: [{ key: 'stage1', name: 'Stage 1', names: { 'zh-CN': '阶段 1' }, owner: 'pm' }] }
        }
        await api(path(key), { method: 'PUT', body })
        location.hash = '#/templates/' + encodeURIComponent(key)
      } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    async importFile(e) {
      this.error = ''
      this.notice = ''
      const file = e.target.files && e.target.files[0]
      if (!file) return
      const text = await file.text()
      let key = null
      let json = false
      try { key = JSON.parse(text).key; json = true } catch (x) {
        const m = /^key:\s*["']?([a-z][a-z0-9-]*)["']?\s*$/m.exec(text)
        key = m && m[1]
      }
      if (!key) { this.error = this.t('tl.noKey'); return }
      try {
        await send(path(key), 'PUT', text, json ? 'application/json' : 'application/yaml')
        this.notice = this.t('tl.imported', { key })
        await this.load()
      } catch (x) { this.error = describe(x, this.t) }
      e.target.value = ''
    },
    async exportYaml(item) {
      try {
        const r = await send(path(item.key) + (item.latestVersion ? '' : '?draft=true'), 'GET', undefined, null, 'application/yaml')
        const url = URL.createObjectURL(new Blob([await r.text()], { type: 'application/yaml' }))
        const a = document.createElement('a')
        a.href = url
        a.download = item.key + '.yaml'
        document.body.appendChild(a)
        a.click()
        a.remove()
        setTimeout(() => URL.revokeObjectURL(url), 1000)
      } catch (e) { this.error = describe(e, this.t) }
    },
  },
  template: `
  <div class="templates">
    <div class="title-row"><h1>{{ t('tl.title') }}</h1></div>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="notice" class="notice" role="status">{{ notice }}</p>
    <p v-if="!list && !error">{{ t('common.loading') }}</p>
    <p v-else-if="list && !list.length" class="empty">{{ t('tl.none') }}</p>
    <ul v-else-if="list" class="cards template-list">
      <li v-for="x in list" :key="x.key" class="card dz-template" :data-template="x.key">
        <h2><a :href="'#/templates/' + encodeURIComponent(x.key)">{{ name(x) }}</a></h2>
        <dl class="facts">
          <dt>{{ t('tl.key') }}</dt><dd>{{ x.key }}</dd>
          <dt>{{ t('tl.industry') }}</dt><dd>{{ x.industry || '—' }}</dd>
          <dt>{{ t('tl.version') }}</dt><dd>{{ x.latestVersion || '—' }}</dd>
          <dt>{{ t('tl.draft') }}</dt><dd><span v-if="x.draft" class="badge cond-open">{{ t('tl.draftYes') }}</span><span v-else>{{ t('tl.draftNo') }}</span></dd>
        </dl>
        <div class="row-actions"><a class="button small" :href="'#/templates/' + encodeURIComponent(x.key)">{{ t('tl.open') }}</a>
          <button type="button" class="small" @click="exportYaml(x)">{{ t('tl.export') }}</button></div>
      </li>
    </ul>
    <div class="grid2 dz-list-forms">
      <form class="card" @submit.prevent="create">
        <h2>{{ t('tl.new') }}</h2>
        <div class="field"><label for="tl-key">{{ t('tl.newKey') }}</label>
          <input id="tl-key" v-model="key" required pattern="[a-z][a-z0-9\\-]{1,62}" maxlength="63" autocomplete="off"></div>
        <div class="field"><label for="tl-from">{{ t('tl.from') }}</label>
          <select id="tl-from" v-model="from"><option value="">{{ t('tl.blank') }}</option>
            <option v-for="x in (list || [])" :key="x.key" :value="x.key">{{ t('tl.copyOf', { key: x.key }) }}</option></select></div>
        <button type="submit" class="primary" :disabled="busy">{{ t('tl.create') }}</button>
      </form>
      <div class="card">
        <h2>{{ t('tl.import') }}</h2>
        <div class="dz-file"><input id="tl-file" class="sr-only" type="file" accept=".yaml,.yml,.json,application/json,application/yaml" @change="importFile">
          <label for="tl-file" class="button">{{ t('tl.importButton') }}</label></div>
      </div>
    </div>
  </div>`,
}

// ---- the designer ----------------------------------------------------------------------------------------------
export const DesignerView = {
  components: { DurationInput, RuleBuilder, WhoPicker, FieldList },
  inject: ['t', 'store'],
  data: () => ({
    key: '', tpl: null, saved: null, error: '', notice: '', tab: 'flow', drawer: null, section: 'basics',
    problems: [], checking: false, dragging: null, checkedFor: null, timer: null, busy: false, modules: [],
    versions: [], diagram: '', diagramFor: null, diagramError: '', sample: {}, sampleRoles: {}, preview: null, previewError: '',
    diffFrom: '', diffTo: '', diff: null, migFrom: '', migTo: '', plan: null, chosen: [], migrated: null,
  }),
  created() { this.key = this.store.route.id; this.load() },
  beforeUnmount() { clearTimeout(this.timer); if (this.diagram) URL.revokeObjectURL(this.diagram) },
  watch: {
    tpl: { deep: true, handler() { this.schedule() } },
    tab(v) { if (v === 'diagram') this.draw(); if (v === 'versions') this.loadVersions() },
    'store.lang'() { if (this.tab === 'diagram') { this.diagramFor = null; this.draw() } },
  },
  computed: {
    lang() { return this.store.lang },
    dirty() { return this.tpl && this.saved !== JSON.stringify(this.tpl) },
    layout() { return this.tpl ? rows(this.tpl.stages || []) : [] },
    errors() { return this.problems.filter(p => p.severity === 'error') },
    warnings() { return this.problems.filter(p => p.severity !== 'error') },
    stale() { return this.checking || (this.tpl && this.checkedFor !== JSON.stringify(this.tpl)) },
    canPublish() { return !this.busy && !this.stale && this.errors.length === 0 },
    fields() {
      if (!this.tpl) return []
      const out = []
      const add = (f) => { if (f && f.key && !out.some(x => x.key === f.key)) out.push({ key: f.key, type: f.type, label: localName(this.lang, f, f.key) }) }
      ;(this.tpl.fields || []).forEach(add)
      for (const s of this.tpl.stages || []) {
        ;(s.fields || []).forEach(add)
        for (const k of s.tasks || []) (k.fields || []).forEach(add)
      }
      return out
    },
    fieldKeys() { return this.fields.map(f => f.key) },
    stage() { return this.drawer === null || !this.tpl ? null : this.tpl.stages[this.drawer] },
    templateProblems() { return this.problems.filter(p => !p.path.startsWith('$.stages[')) },
  },
  methods: {
    put, putName,
    async load() {
      this.error = ''
      let body = null
      try { body = await api(path(this.key) + '?draft=true') } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) { this.error = describe(e, this.t); return }
      }
      try {
        if (!body) body = await api(path(this.key))
      } catch (e) { this.error = describe(e, this.t); return }
      this.tpl = clone(body)
      if (!Array.isArray(this.tpl.stages)) this.tpl.stages = []
      this.saved = JSON.stringify(this.tpl)
      api('/api/modules').then(m => { this.modules = Array.isArray(m) ? m : (m.items || []) }).catch(() => {})
    },
    schedule() {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.check(), 400)
    },
    async check() {
      const snapshot = JSON.stringify(this.tpl)
      this.checking = true
      try {
        const r = await send(path(this.key) + '/validate', 'POST', snapshot, 'application/json')
        const report = await r.json()
        if (snapshot === JSON.stringify(this.tpl)) {
          this.problems = report.errors || []
          this.checkedFor = snapshot
        }
      } catch (e) {
        if (e instanceof ApiError && e.errors.length) { this.problems = e.errors.map(x => ({ severity: 'error', ...x })); this.checkedFor = snapshot }
        else this.error = describe(e, this.t)
      } finally { this.checking = false }
      if (this.tab === 'diagram') this.draw()
    },
    async save() {
      this.error = ''
      this.notice = ''
      const snapshot = JSON.stringify(this.tpl)
      await send(path(this.key), 'PUT', snapshot, 'application/json')
      this.saved = snapshot
    },
    async saveDraft() {
      this.busy = true
      try { await this.save(); this.notice = this.t('d.saved') } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    async publish() {
      if (!this.canPublish) { this.error = this.t('d.publishBlocked'); return }
      this.busy = true
      try {
        await this.save()
        const r = await api(path(this.key) + '/publish', { method: 'POST' })
        this.notice = this.t('d.published', { version: r.version })
        this.versions = []
      } catch (e) {
        if (e instanceof ApiError && e.errors.length) this.problems = e.errors.map(x => ({ severity: 'error', ...x }))
        this.error = describe(e, this.t)
      } finally { this.busy = false }
    },
    // the flow
    name(s) { return localName(this.lang, s, s.key) },
    stageProblems(i, part) {
      const base = '$.stages[' + i + ']'
      return this.problems.filter(p => {
        if (!(p.path === base || p.path.startsWith(base + '.') || p.path.startsWith(base + '['))) return false
        const rest = p.path.substring(base.length)
        if (!part) return true
        if (part === 'gate') return rest.startsWith('.gate')
        if (part === 'tasks') return rest.startsWith('.tasks')
        if (part === 'fields') return rest.startsWith('.fields')
        return !rest.startsWith('.gate') && !rest.startsWith('.tasks') && !rest.startsWith('.fields')
      })
    },
    hasError(i, part) { return this.stageProblems(i, part).some(p => p.severity === 'error') },
    summary(s) {
      const t = this.t
      const lines = []
      if (s.owner) lines.push(t('d.owner', { who: whoWords(s.owner, this.tpl, this.lang, this.store.people) }))
      if (s.duration) lines.push(t('d.duration', { d: durationWords(s.duration, t) }))
      const n = (s.tasks || []).length
      lines.push(n ? t(n === 1 ? 'd.task1' : 'd.tasks', { n }) : t('d.noTasks'))
      return lines
    },
    /** A condition with field names for keys and words for && and ||; still the condition, only easier to read. */
    whenWords(expr) {
      let text = String(expr || '')
      for (const f of this.fields) text = text.replace(new RegExp('\\b' + f.key + '\\b(?![\'"])', 'g'), f.label)
      return text.replace(/ && /g, ' ' + this.t('rb.and') + ' ').replace(/ \|\| /g, ' ' + this.t('rb.or') + ' ')
    },
    approvalWords(s) {
      const a = s.gate && s.gate.approval
      if (!a) return null
      const mode = String(a.mode || 'all')
      const q = /^quorum:(\d+)$/.exec(mode)
      const m = q ? this.t('mode.quorum', { n: q[1] }) : this.t('mode.' + mode)
      return this.t('d.approval', { mode: m, who: (a.approvers || []).map(r => whoWords(r, this.tpl, this.lang, this.store.people)).join(', ') })
    },
    open(i, section) { this.drawer = i; this.section = section || 'basics'; this.$nextTick(() => { const h = document.getElementById('drawer-title'); if (h) h.focus() }) },
    close() { const i = this.drawer; this.drawer = null; this.$nextTick(() => { const c = document.querySelector('[data-stage-index="' + i + '"] .dz-card-main'); if (c) c.focus() }) },
    newStage() {
      const key = freshKey(this.tpl.stages.map(s => s.key), 'stage')
      const n = key.substring(5)
      return { key, name: this.t('d.newStage') + ' ' + n }
    },
    /** Puts a stage into the flow after the stages of one row (the start when none): who waited for that row waits for it. */
    insertAfter(rowKeys, stage) {
      const tpl = this.tpl
      rewire(tpl, wanted => {
        for (const [s, list] of wanted) {
          if (rowKeys.length === 0 ? list.length === 0 : list.some(k => rowKeys.includes(k))) wanted.set(s, [...list.filter(k => !rowKeys.includes(k)), stage.key])
        }
        wanted.set(stage.key, rowKeys)
        const at = rowKeys.length === 0 ? 0 : Math.max(...rowKeys.map(k => tpl.stages.findIndex(s => s.key === k))) + 1
        tpl.stages.splice(at, 0, stage)
      })
    },
    rowKeys(r) { return r < 0 ? [] : this.layout[r].map(i => this.tpl.stages[i].key) },
    addAt(r) {
      const stage = this.newStage()
      this.insertAfter(this.rowKeys(r), stage)
      this.open(this.tpl.stages.findIndex(s => s.key === stage.key))
    },
    /** Moves a stage to the gap after row r: it leaves its place (who waited for it waits for what it waited for) and goes there. */
    moveTo(i, r) {
      const x = this.tpl.stages[i]
      const anchors = this.rowKeys(r).filter(k => k !== x.key)
      if (r >= 0 && anchors.length === 0) return
      const plain = JSON.parse(JSON.stringify(x))
      this.remove(i)
      delete plain.after
      this.insertAfter(anchors, plain)
    },
    dragStart(i, e) { this.dragging = i; if (e.dataTransfer) { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', this.tpl.stages[i].key) } },
    dropAt(r) { if (this.dragging !== null) this.moveTo(this.dragging, r); this.dragging = null },
    addParallel(i) {
      const stage = this.newStage()
      const tpl = this.tpl
      const beside = tpl.stages[i]
      rewire(tpl, wanted => {
        wanted.set(stage.key, [...wanted.get(beside.key)])
        for (const [s, list] of wanted) if (s !== stage.key && list.includes(beside.key)) wanted.set(s, [...list, stage.key])
        tpl.stages.splice(i + 1, 0, stage)
      })
      this.open(tpl.stages.indexOf(stage))
    },
    moveUp(i) {
      const tpl = this.tpl
      const x = tpl.stages[i]
      rewire(tpl, wanted => {
        const list = wanted.get(x.key)
        const p = list.length === 1 ? tpl.stages.find(s => s.key === list[0]) : null
        if (p) {
          wanted.set(x.key, [...wanted.get(p.key)])
          wanted.set(p.key, [x.key])
          for (const [s, l] of wanted) if (s !== x.key && s !== p.key && l.includes(x.key)) wanted.set(s, l.map(k => k === x.key ? p.key : k))
          tpl.stages.splice(i, 1)
          tpl.stages.splice(tpl.stages.indexOf(p), 0, x)
        } else if (i > 0) {
          tpl.stages.splice(i, 1)
          tpl.stages.splice(i - 1, 0, x)
        }
      })
    },
    moveDown(i) {
      const tpl = this.tpl
      const x = tpl.stages[i]
      const next = tpl.stages.map((s, j) => ({ s, j })).filter(({ j }) => same(prereqs(tpl.stages, j), [x.key]))
      if (next.length === 1) this.moveUp(next[0].j)
      else if (i < tpl.stages.length - 1) rewire(tpl, () => { tpl.stages.splice(i, 1); tpl.stages.splice(i + 1, 0, x) })
    },
    canMoveUp(i) { return i > 0 },
    canMoveDown(i) { return i < this.tpl.stages.length - 1 },
    remove(i) {
      const tpl = this.tpl
      const x = tpl.stages[i]
      this.drawer = null
      rewire(tpl, wanted => {
        const before = wanted.get(x.key)
        for (const [s, l] of wanted) if (l.includes(x.key)) wanted.set(s, [...new Set(l.flatMap(k => k === x.key ? before : [k]))])
        wanted.delete(x.key)
        tpl.stages.splice(i, 1)
      })
    },
    renameStage(s, key) {
      const old = s.key
      s.key = key
      for (const o of this.tpl.stages) {
        if (Array.isArray(o.after)) o.after = o.after.map(k => k === old ? key : k)
        if (o.gate && o.gate.onReject === old) o.gate.onReject = key
      }
    },
    // basics
    setAfter(s, key, on) {
      const i = this.tpl.stages.indexOf(s)
      const list = [...prereqs(this.tpl.stages, i)].filter(k => k !== key)
      if (on) list.push(key)
      rewire(this.tpl, wanted => wanted.set(s.key, list))
    },
    prereqOf(s) { return prereqs(this.tpl.stages, this.tpl.stages.indexOf(s)) },
    // tasks
    addTask(s) {
      const taken = (s.tasks || []).map(x => x.key)
      const key = freshKey(taken, 'task')
      s.tasks = s.tasks || []
      s.tasks.push({ key, name: this.t('tk.new') + ' ' + key.substring(4) })
    },
    moveTask(s, i, d) { const [x] = s.tasks.splice(i, 1); s.tasks.splice(i + d, 0, x) },
    removeTask(s, i) {
      const [x] = s.tasks.splice(i, 1)
      for (const o of s.tasks) if (Array.isArray(o.requires)) put(o, 'requires', o.requires.filter(k => k !== x.key))
      put(s, 'tasks', s.tasks)
    },
    toggleRequires(task, key, on) {
      const list = (task.requires || []).filter(k => k !== key)
      if (on) list.push(key)
      put(task, 'requires', list)
    },
    // gate
    addGate(s) { s.gate = { approval: { approvers: [], mode: 'all' } } },
    addCriterion(s, kind) {
      const g = s.gate
      g.criteria = g.criteria || []
      if (kind === 'field') g.criteria.push({ field: this.fieldKeys[0] || '' })
      else if (kind === 'tasks') g.criteria.push({ allTasksDone: true })
      else g.criteria.push({ expression: '', message: '' })
    },
    removeCriterion(s, i) { s.gate.criteria.splice(i, 1); put(s.gate, 'criteria', s.gate.criteria) },
    modeKind(a) { const m = String(a.mode || 'all'); return m.startsWith('quorum:') ? 'quorum' : m },
    quorumOf(a) { const m = /^quorum:(\d+)$/.exec(String(a.mode || '')); return m ? m[1] : '2' },
    setMode(a, kind, n) { a.mode = kind === 'quorum' ? 'quorum:' + (n || 2) : kind },
    addApprover(a, ref) { a.approvers = a.approvers || []; if (!a.approvers.includes(ref)) a.approvers.push(ref) },
    moveApprover(a, i, d) { const [x] = a.approvers.splice(i, 1); a.approvers.splice(i + d, 0, x) },
    who(ref) { return whoWords(ref, this.tpl, this.lang, this.store.people) },
    toggleOutcome(g, o, on) {
      const list = (g.outcomes || ['go', 'recycle']).filter(x => x !== o)
      if (on) list.push(o)
      g.outcomes = OUTCOMES.filter(x => list.includes(x))
    },
    drop(obj, key) { delete obj[key] },
    setTimeoutAction(a, action) {
      if (!action) { delete a.timeout; return }
      a.timeout = { ...(a.timeout || { after: 'P2D' }), action }
    },
    criterionWords(c) {
      if (c.field !== undefined) return this.t('g.fieldFilled', { field: c.field })
      if (c.allTasksDone) return this.t('g.tasksDone')
      return c.message || c.expression
    },
    // template panel
    addRole() {
      const key = freshKey(Object.keys(this.tpl.roles || {}), 'role')
      this.tpl.roles = { ...(this.tpl.roles || {}), [key]: { name: key } }
    },
    renameRole(old, key) {
      if (!key || key === old || (this.tpl.roles || {})[key]) return
      const roles = {}
      for (const [k, v] of Object.entries(this.tpl.roles)) roles[k === old ? key : k] = v
      this.tpl.roles = roles
    },
    removeRole(k) { const roles = { ...this.tpl.roles }; delete roles[k]; put(this.tpl, 'roles', roles) },
    toggleModule(m, on) {
      const list = (this.tpl.modules || []).filter(x => x !== m)
      if (on) list.push(m)
      put(this.tpl, 'modules', list)
    },
    // diagram
    async draw() {
      if (!this.tpl || this.errors.length || this.stale) return
      const snapshot = JSON.stringify(this.tpl) + this.lang
      if (this.diagramFor === snapshot) return
      try {
        const r = await send(path(this.key) + '/diagram.svg?lang=' + encodeURIComponent(this.lang), 'POST', JSON.stringify(this.tpl), 'application/json', 'image/svg+xml')
        if (this.diagram) URL.revokeObjectURL(this.diagram)
        this.diagram = URL.createObjectURL(await r.blob())
        this.diagramFor = snapshot
        this.diagramError = ''
      } catch (e) { this.diagramError = describe(e, this.t) }
    },
    // preview
    async runPreview() {
      this.previewError = ''
      const fields = {}
      for (const f of this.fields) {
        const v = this.sample[f.key]
        if (v === undefined || v === '') continue
        if (f.type === 'boolean') fields[f.key] = v === 'true'
        else if (['multiselect', 'users'].includes(f.type)) fields[f.key] = String(v).split(',').map(x => x.trim()).filter(Boolean)
        else if (NUMERIC.includes(f.type)) fields[f.key] = Number(v)
        else fields[f.key] = v
      }
      const roles = {}
      for (const k of Object.keys(this.tpl.roles || {})) roles[k] = String(this.sampleRoles[k] || '').split(',').map(x => x.trim()).filter(Boolean)
      try {
        this.preview = await api(path(this.key) + '/preview', { method: 'POST', body: { template: this.tpl, fields, roles } })
      } catch (e) { this.previewError = describe(e, this.t) }
    },
    personWords(u) { const p = this.store.people.find(x => x.username === u); return p && p.displayName ? p.displayName : u },
    previewName(p) { const s = this.tpl.stages.find(x => x.key === p.key); return s ? this.name(s) : p.name },
    modeWords(mode) {
      if (!mode) return ''
      const q = /^quorum:(\d+)$/.exec(mode)
      return q ? this.t('mode.quorum', { n: q[1] }) : this.t('mode.' + mode)
    },
    // versions, diff, migration
    async loadVersions() {
      try {
        this.versions = await api(path(this.key) + '/versions')
        const n = this.versions.length
        if (n && !this.diffTo) { this.diffTo = String(this.versions[n - 1].version); this.diffFrom = String(this.versions[Math.max(0, n - 2)].version) }
        if (n && !this.migTo) { this.migTo = String(this.versions[n - 1].version); this.migFrom = String(this.versions[Math.max(0, n - 2)].version) }
      } catch (e) { this.versions = [] }
    },
    async version(v) { return v === 'draft' ? clone(this.tpl) : api(path(this.key) + '?version=' + encodeURIComponent(v)) },
    async compare() {
      try { this.diff = diffTemplates(await this.version(this.diffFrom), await this.version(this.diffTo), this.lang) } catch (e) { this.error = describe(e, this.t) }
    },
    async dryRun() {
      this.migrated = null
      try {
        this.plan = await api(path(this.key) + '/migrations/dry-run', { method: 'POST', body: { fromVersion: Number(this.migFrom), toVersion: Number(this.migTo) } })
        this.chosen = this.plan.projects.filter(p => p.canMigrate).map(p => p.projectId)
      } catch (e) { this.error = describe(e, this.t) }
    },
    async migrate() {
      try {
        const r = await api(path(this.key) + '/migrations', { method: 'POST', body: { fromVersion: Number(this.migFrom), toVersion: Number(this.migTo), projects: this.chosen } })
        this.migrated = r
        this.notice = this.t('mg.done', { n: r.migrated.length })
        this.plan = null
      } catch (e) { this.error = describe(e, this.t) }
    },
    valueWords(v) { return /^PT?\d+[DH]$/.test(v) ? durationWords(v, this.t) : v },
    propWords(part) { const k = 'prop.' + part; const w = this.t(k); return w === k ? part : w },
    /** The parts of a migration plan that change something, in words. */
    changes(p) {
      const out = []
      if ((p.tasksClosing || []).length) out.push(this.t('mg.closing', { list: this.listWords(p.tasksClosing) }))
      if ((p.tasksOpening || []).length) out.push(this.t('mg.opening', { list: this.listWords(p.tasksOpening) }))
      if ((p.fieldsAdded || []).length) out.push(this.t('mg.fieldsAdded', { list: this.listWords(p.fieldsAdded) }))
      if ((p.stagesAdded || []).length) out.push(this.t('mg.stagesAdded', { list: this.stageWords(p.stagesAdded) }))
      if ((p.stagesRemoved || []).length) out.push(this.t('mg.stagesRemoved', { list: this.listWords(p.stagesRemoved) }))
      return out.length ? out : [this.t('mg.noChange')]
    },
    stageWords(list) { return list && list.length ? list.map(k => { const s = this.tpl.stages.find(x => x.key === k); return s ? this.name(s) : k }).join(', ') : this.t('mg.nothing') },
    listWords(list) { return list && list.length ? list.map(x => typeof x === 'string' ? x : (x.name || x.task)).join(', ') : this.t('mg.nothing') },
    formatTime(v) { const d = new Date(v); return isNaN(d) ? String(v || '') : new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d) },
  },
  template: `
  <div class="designer" v-if="tpl">
    <div class="title-row dz-head">
      <h1>{{ t('d.title', { name: tpl.names && tpl.names[lang] || tpl.name || key }) }}</h1>
      <div class="dz-status" role="status" aria-live="polite">
        <span v-if="stale" class="badge">{{ t('d.checking') }}</span>
        <span v-else-if="!problems.length" class="badge status-completed dz-count" data-problems="0">{{ t('d.noProblems') }}</span>
        <span v-else class="dz-count" :data-problems="problems.length" :data-errors="errors.length">
          <span v-if="errors.length" class="badge dz-bad">{{ t('d.errors', { n: errors.length }) }}</span>
          <span v-if="warnings.length" class="badge dz-warn">{{ t('d.warnings', { n: warnings.length }) }}</span></span>
        <span v-if="dirty" class="muted">{{ t('d.unsaved') }}</span>
      </div>
      <div class="dz-actions">
        <button type="button" id="dz-save" @click="saveDraft" :disabled="busy">{{ t('d.save') }}</button>
        <button type="button" id="dz-publish" class="primary" @click="publish" :disabled="!canPublish" :aria-describedby="errors.length ? 'dz-blocked' : null">{{ t('d.publish') }}</button>
      </div>
    </div>
    <p v-if="errors.length && !stale" id="dz-blocked" class="muted hint">{{ t('d.publishBlocked') }}</p>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="notice" class="notice" role="status">{{ notice }}</p>
    <div class="dz-tabs" role="tablist" :aria-label="t('d.title', { name: key })">
      <button v-for="x in ['flow', 'settings', 'diagram', 'preview', 'versions']" :key="x" type="button" role="tab" :id="'dz-tab-' + x"
        :aria-selected="tab === x ? 'true' : 'false'" @click="tab = x">{{ t('d.' + x) }}
        <span v-if="x === 'settings' && templateProblems.length" class="badge dz-bad">{{ templateProblems.length }}</span></button>
    </div>

    <section v-if="tab === 'flow'" class="dz-flow" role="tabpanel" aria-labelledby="dz-tab-flow">
      <ol class="dz-rows">
        <li class="dz-node"><span class="dz-pill">{{ t('d.start') }}</span></li>
        <li class="dz-plus" :class="{ target: dragging !== null }" @dragover.prevent @drop.prevent="dropAt(-1)"><button type="button" class="dz-add" @click="addAt(-1)" :aria-label="t('d.addHere')" data-add="-1">+</button></li>
        <template v-for="(row, r) in layout" :key="r">
          <li class="dz-row" :class="{ parallel: row.length > 1 }" :data-row="r">
            <article v-for="i in row" :key="tpl.stages[i].key" class="dz-card" :data-stage="tpl.stages[i].key" :data-stage-index="i"
              :class="{ bad: hasError(i), open: drawer === i }" draggable="true" @dragstart="dragStart(i, $event)" @dragend="dragging = null">
              <button type="button" class="dz-card-main" @click="open(i)" :aria-label="t('d.edit', { name: name(tpl.stages[i]) })">
                <span class="dz-card-title"><span>{{ name(tpl.stages[i]) }}</span>
                  <span v-if="stageProblems(i).length" class="badge" :class="hasError(i) ? 'dz-bad' : 'dz-warn'">{{ t('d.cardProblems', { n: stageProblems(i).length }) }}</span></span>
                <span v-if="tpl.stages[i].when" class="dz-when">{{ t('d.onlyWhen', { expr: whenWords(tpl.stages[i].when) }) }}</span>
                <span v-for="line in summary(tpl.stages[i])" :key="line" class="dz-line">{{ line }}</span>
                <span v-if="tpl.stages[i].gate && tpl.stages[i].gate.criteria && tpl.stages[i].gate.criteria.length" class="dz-line">{{ t(tpl.stages[i].gate.criteria.length === 1 ? 'd.criterion1' : 'd.criteria', { n: tpl.stages[i].gate.criteria.length }) }}</span>
                <span v-if="tpl.stages[i].gate && tpl.stages[i].gate.approval && !(tpl.stages[i].gate.approval.approvers || []).length" class="dz-line dz-call">{{ t('d.chooseApprovers') }}</span>
                <span v-else-if="approvalWords(tpl.stages[i])" class="dz-line dz-gate" :class="{ bad: hasError(i, 'gate') }">{{ approvalWords(tpl.stages[i]) }}</span>
                <span v-else-if="!tpl.stages[i].gate" class="dz-line muted">{{ t('d.noGate') }}</span>
              </button>
              <div class="dz-card-tools">
                <button type="button" class="small" :disabled="!canMoveUp(i)" @click="moveUp(i)" :aria-label="t('d.moveUp', { name: name(tpl.stages[i]) })">↑</button>
                <button type="button" class="small" :disabled="!canMoveDown(i)" @click="moveDown(i)" :aria-label="t('d.moveDown', { name: name(tpl.stages[i]) })">↓</button>
                <button type="button" class="small dz-par" @click="addParallel(i)" :aria-label="t('d.addParallel', { name: name(tpl.stages[i]) })">+ ∥</button>
                <button type="button" class="small" @click="remove(i)" :aria-label="t('d.remove', { name: name(tpl.stages[i]) })">✕</button>
              </div>
            </article>
          </li>
          <li class="dz-plus" :class="{ target: dragging !== null }" @dragover.prevent @drop.prevent="dropAt(r)"><button type="button" class="dz-add" @click="addAt(r)" :aria-label="t('d.addHere')" :data-add="r">+</button></li>
        </template>
        <li class="dz-node"><span class="dz-pill">{{ t('d.end') }}</span></li>
      </ol>

      <aside v-if="stage" class="dz-drawer" :aria-labelledby="'drawer-title'" :data-drawer="stage.key">
        <div class="dz-drawer-head">
          <h2 id="drawer-title" tabindex="-1">{{ name(stage) }}</h2>
          <button type="button" class="small" @click="close" :aria-label="t('dr.close')">✕</button>
        </div>
        <div class="dz-tabs dz-sections" role="tablist" :aria-label="name(stage)">
          <button v-for="x in ['basics', 'tasks', 'fields', 'gate']" :key="x" type="button" role="tab" :id="'dz-sec-' + x"
            :aria-selected="section === x ? 'true' : 'false'" @click="section = x">{{ t('dr.' + x) }}
            <span v-if="stageProblems(drawer, x).length" class="badge" :class="hasError(drawer, x) ? 'dz-bad' : 'dz-warn'">{{ stageProblems(drawer, x).length }}</span></button>
        </div>
        <ul v-if="stageProblems(drawer, section).length" class="dz-problems" :data-section-problems="section">
          <li v-for="p in stageProblems(drawer, section)" :key="p.path + p.code" :class="p.severity">{{ p.message }}</li></ul>

        <div v-if="section === 'basics'" role="tabpanel" aria-labelledby="dz-sec-basics">
          <div class="grid">
            <div class="field"><label for="st-key">{{ t('dr.key') }}</label><input id="st-key" :value="stage.key" @change="renameStage(stage, $event.target.value.trim())"></div>
            <div class="field"><label for="st-owner">{{ t('dr.owner') }}</label>
              <select id="st-owner" :value="stage.owner || ''" @change="put(stage, 'owner', $event.target.value)">
                <option value="">{{ t('dr.noOwner') }}</option>
                <option v-for="(r, k) in (tpl.roles || {})" :key="k" :value="k">{{ who(k) }}</option></select></div>
            <div class="field"><label for="st-en">{{ t('dr.nameEn') }}</label><input id="st-en" :value="stage.name" @input="put(stage, 'name', $event.target.value)"></div>
            <div class="field"><label for="st-zh">{{ t('dr.nameZh') }}</label><input id="st-zh" :value="stage.names && stage.names['zh-CN']" @input="putName(stage, 'zh-CN', $event.target.value)"></div>
            <DurationInput :obj="stage" prop="duration" id="st-duration" :label="t('dr.duration')"/>
            <DurationInput :obj="stage" prop="alertAfter" id="st-alert" :label="t('dr.alertAfter')"/>
          </div>
          <fieldset class="dz-after"><legend>{{ t('dr.after') }}</legend>
            <p class="hint muted">{{ t('dr.afterHint') }}</p>
            <label v-for="o in tpl.stages.filter(x => x !== stage)" :key="o.key" class="check">
              <input type="checkbox" :checked="prereqOf(stage).includes(o.key)" @change="setAfter(stage, o.key, $event.target.checked)"> {{ name(o) }}</label>
          </fieldset>
          <fieldset class="dz-when-set"><legend>{{ t('dr.when') }}</legend>
            <RuleBuilder :key="'when-' + drawer" :model-value="stage.when || ''" @update:model-value="v => put(stage, 'when', v)" :fields="fields" :label="t('dr.always')"/>
          </fieldset>
        </div>

        <div v-else-if="section === 'tasks'" role="tabpanel" aria-labelledby="dz-sec-tasks">
          <p v-if="!(stage.tasks || []).length" class="muted">{{ t('tk.none') }}</p>
          <details v-for="(task, ti) in (stage.tasks || [])" :key="ti" class="dz-item" :data-task="task.key" open>
            <summary>{{ t('tk.title', { n: ti + 1, name: name(task) }) }}<span v-if="task.assignee"> · {{ who(task.assignee) }}</span></summary>
            <div class="grid">
              <div class="field"><label :for="'tk' + ti + '-key'">{{ t('tk.key') }}</label><input :id="'tk' + ti + '-key'" v-model.trim="task.key"></div>
              <div class="field"><label :for="'tk' + ti + '-as'">{{ t('tk.assignee') }}</label>
                <select :id="'tk' + ti + '-as'" :value="task.assignee || ''" @change="put(task, 'assignee', $event.target.value)">
                  <option value="">—</option>
                  <optgroup :label="t('as.role')"><option v-for="(r, k) in (tpl.roles || {})" :key="k" :value="k">{{ who(k) }}</option></optgroup>
                  <optgroup :label="t('as.user')"><option v-for="p in store.people" :key="p.username" :value="'user:' + p.username">{{ p.displayName || p.username }}</option></optgroup>
                  <option v-if="task.assignee && task.assignee.startsWith('group:')" :value="task.assignee">{{ who(task.assignee) }}</option>
                </select></div>
              <div class="field"><label :for="'tk' + ti + '-en'">{{ t('dr.nameEn') }}</label><input :id="'tk' + ti + '-en'" :value="task.name" @input="put(task, 'name', $event.target.value)"></div>
              <div class="field"><label :for="'tk' + ti + '-zh'">{{ t('dr.nameZh') }}</label><input :id="'tk' + ti + '-zh'" :value="task.names && task.names['zh-CN']" @input="putName(task, 'zh-CN', $event.target.value)"></div>
              <DurationInput :obj="task" prop="duration" :id="'tk' + ti + '-dur'" :label="t('tk.duration')"/>
            </div>
            <fieldset v-if="stage.tasks.length > 1"><legend>{{ t('tk.requires') }}</legend>
              <label v-for="o in stage.tasks.filter(x => x !== task)" :key="o.key" class="check">
                <input type="checkbox" :id="'tk' + ti + '-req-' + o.key" :checked="(task.requires || []).includes(o.key)" @change="toggleRequires(task, o.key, $event.target.checked)"> {{ name(o) }}</label>
            </fieldset>
            <details class="more"><summary>{{ t('tk.fields') }} ({{ (task.fields || []).length }})</summary>
              <FieldList :owner="task" :id="'tf' + ti + '-'" :problems="stageProblems(drawer, 'tasks')" :base="'$.stages[' + drawer + '].tasks[' + ti + '].fields'" :taken="fieldKeys"/>
            </details>
            <div class="row-actions">
              <button type="button" class="small" :disabled="ti === 0" @click="moveTask(stage, ti, -1)" :aria-label="t('d.moveUp', { name: name(task) })">↑</button>
              <button type="button" class="small" :disabled="ti === stage.tasks.length - 1" @click="moveTask(stage, ti, 1)" :aria-label="t('d.moveDown', { name: name(task) })">↓</button>
              <button type="button" class="small" @click="removeTask(stage, ti)">{{ t('d.remove', { name: name(task) }) }}</button>
            </div>
          </details>
          <button type="button" class="small" id="tk-add" @click="addTask(stage)">+ {{ t('tk.add') }}</button>
        </div>

        <div v-else-if="section === 'fields'" role="tabpanel" aria-labelledby="dz-sec-fields">
          <p class="hint muted">{{ t('fd.stageHint') }}</p>
          <FieldList :owner="stage" id="sf-" :problems="stageProblems(drawer, 'fields')" :base="'$.stages[' + drawer + '].fields'" :taken="fieldKeys"/>
        </div>

        <div v-else role="tabpanel" aria-labelledby="dz-sec-gate" class="dz-gate-panel">
          <button v-if="!stage.gate" type="button" id="g-add" @click="addGate(stage)">+ {{ t('g.add') }}</button>
          <template v-else>
            <fieldset class="dz-criteria"><legend>{{ t('g.criteria') }}</legend>
              <div v-for="(c, ci) in (stage.gate.criteria || [])" :key="ci" class="dz-criterion" :data-criterion="ci">
                <div v-if="c.field !== undefined" class="inline">
                  <label :for="'gc' + ci">{{ t('g.addField') }}</label>
                  <select :id="'gc' + ci" v-model="c.field"><option v-for="f in fields" :key="f.key" :value="f.key">{{ f.label }}</option></select>
                </div>
                <p v-else-if="c.allTasksDone !== undefined">{{ t('g.tasksDone') }}</p>
                <div v-else>
                  <RuleBuilder :key="'c-' + drawer + '-' + ci" :model-value="c.expression || ''" @update:model-value="v => c.expression = v" :fields="fields" :label="t('g.addRule')"/>
                  <div class="field"><label :for="'gm' + ci">{{ t('g.message') }}</label><input :id="'gm' + ci" :value="c.message" @input="put(c, 'message', $event.target.value)"></div>
                </div>
                <button type="button" class="small" @click="removeCriterion(stage, ci)">{{ t('d.removeShort') }}: {{ criterionWords(c) }}</button>
              </div>
              <div class="inline">
                <button type="button" class="small" id="g-crit-field" @click="addCriterion(stage, 'field')">+ {{ t('g.addField') }}</button>
                <button type="button" class="small" id="g-crit-tasks" @click="addCriterion(stage, 'tasks')">+ {{ t('g.addTasks') }}</button>
                <button type="button" class="small" id="g-crit-rule" @click="addCriterion(stage, 'rule')">+ {{ t('g.addRule') }}</button>
              </div>
            </fieldset>
            <fieldset class="dz-approval"><legend>{{ t('g.approval') }}</legend>
              <template v-if="stage.gate.approval">
                <fieldset><legend>{{ t('g.mode') }}</legend>
                  <label v-for="m in ['any', 'all', 'quorum', 'sequential']" :key="m" class="check dz-mode">
                    <input type="radio" name="g-mode" :value="m" :id="'g-mode-' + m" :checked="modeKind(stage.gate.approval) === m"
                      @change="setMode(stage.gate.approval, m, quorumOf(stage.gate.approval))"> {{ t('mode.' + m + 'Label') }}</label>
                  <div v-if="modeKind(stage.gate.approval) === 'quorum'" class="field"><label for="g-quorum">{{ t('g.quorum') }}</label>
                    <input id="g-quorum" type="number" min="1" max="50" :value="quorumOf(stage.gate.approval)" @input="setMode(stage.gate.approval, 'quorum', $event.target.value)"></div>
                </fieldset>
                <h4>{{ t('g.approvers') }}</h4>
                <ol class="chips dz-approvers">
                  <li v-for="(a, ai) in (stage.gate.approval.approvers || [])" :key="a" :data-approver="a">{{ who(a) }}
                    <button v-if="modeKind(stage.gate.approval) === 'sequential' && ai > 0" type="button" class="chip-x" @click="moveApprover(stage.gate.approval, ai, -1)" :aria-label="t('d.moveUp', { name: who(a) })">↑</button>
                    <button type="button" class="chip-x" @click="stage.gate.approval.approvers.splice(ai, 1)" :aria-label="t('d.remove', { name: who(a) })">×</button></li>
                </ol>
                <WhoPicker :roles="tpl.roles" id="g-approver" :label="t('g.approvers')" :button="t('g.addApprover')" @pick="ref => addApprover(stage.gate.approval, ref)"/>
                <fieldset class="dz-timeout"><legend>{{ t('g.timeout') }}</legend>
                  <div class="inline">
                    <label for="g-to-action" class="sr-only">{{ t('g.timeoutAction') }}</label>
                    <select id="g-to-action" :value="stage.gate.approval.timeout ? stage.gate.approval.timeout.action : ''" @change="setTimeoutAction(stage.gate.approval, $event.target.value)">
                      <option value="">{{ t('to.none') }}</option>
                      <option v-for="a in ['remind', 'approve', 'reject']" :key="a" :value="a">{{ t('to.' + a) }}</option></select>
                  </div>
                  <template v-if="stage.gate.approval.timeout">
                    <DurationInput :obj="stage.gate.approval.timeout" prop="after" id="g-to-after" :label="t('g.timeoutAfter')"/>
                    <div v-if="stage.gate.approval.timeout.action === 'remind'" class="field"><label for="g-to-repeat">{{ t('g.repeat') }}</label>
                      <input id="g-to-repeat" type="number" min="1" max="10" :value="stage.gate.approval.timeout.repeat" @input="put(stage.gate.approval.timeout, 'repeat', $event.target.value === '' ? '' : Number($event.target.value))"></div>
                  </template>
                </fieldset>
                <button type="button" class="small" @click="drop(stage.gate, 'approval')">{{ t('g.removeApproval') }}</button>
              </template>
              <template v-else><p class="muted">{{ t('g.noApproval') }}</p>
                <button type="button" class="small" @click="stage.gate.approval = { approvers: [], mode: 'all' }">{{ t('g.addApproval') }}</button></template>
            </fieldset>
            <div class="grid">
              <div class="field"><label for="g-reject">{{ t('g.onReject') }}</label>
                <select id="g-reject" :value="stage.gate.onReject || ''" @change="put(stage.gate, 'onReject', $event.target.value)">
                  <option value="">{{ t('g.thisStage') }}</option>
                  <option v-for="o in tpl.stages" :key="o.key" :value="o.key">{{ name(o) }}</option></select></div>
              <fieldset><legend>{{ t('g.resubmit') }}</legend>
                <label class="check"><input type="radio" name="g-resubmit" :checked="stage.gate.resubmit !== 'direct'" @change="put(stage.gate, 'resubmit', stage.gate.resubmit ? 'replay' : '')"> {{ t('g.replay') }}</label>
                <label class="check"><input type="radio" name="g-resubmit" :checked="stage.gate.resubmit === 'direct'" @change="put(stage.gate, 'resubmit', 'direct')"> {{ t('g.direct') }}</label>
              </fieldset>
            </div>
            <fieldset><legend>{{ t('g.outcomes') }}</legend>
              <label v-for="o in ['go', 'conditional', 'hold', 'kill', 'recycle']" :key="o" class="check">
                <input type="checkbox" :checked="(stage.gate.outcomes || ['go', 'recycle']).includes(o)" @change="toggleOutcome(stage.gate, o, $event.target.checked)"> {{ t('out.' + o) }}</label>
              <label class="check"><input type="checkbox" :checked="!!stage.gate.blockOnLapsedConditions" @change="put(stage.gate, 'blockOnLapsedConditions', $event.target.checked || '')"> {{ t('g.lapsed') }}</label>
            </fieldset>
            <p class="hint muted">{{ t('g.waivers') }}</p>
            <button type="button" class="small" @click="drop(stage, 'gate')">{{ t('g.remove') }}</button>
          </template>
        </div>
      </aside>
    </section>

    <section v-else-if="tab === 'settings'" class="dz-settings" role="tabpanel" aria-labelledby="dz-tab-settings">
      <ul v-if="templateProblems.length" class="dz-problems" data-template-problems>
        <li v-for="p in templateProblems" :key="p.path + p.code" :class="p.severity">{{ p.path }}: {{ p.message }}</li></ul>
      <div class="grid">
        <div class="field"><label for="ts-en">{{ t('st.nameEn') }}</label><input id="ts-en" :value="tpl.name" @input="put(tpl, 'name', $event.target.value)"></div>
        <div class="field"><label for="ts-zh">{{ t('st.nameZh') }}</label><input id="ts-zh" :value="tpl.names && tpl.names['zh-CN']" @input="putName(tpl, 'zh-CN', $event.target.value)"></div>
        <div class="field"><label for="ts-industry">{{ t('st.industry') }}</label><input id="ts-industry" :value="tpl.industry" @input="put(tpl, 'industry', $event.target.value)"></div>
        <div class="field"><label for="ts-desc">{{ t('st.description') }}</label><textarea id="ts-desc" rows="2" :value="tpl.description" @input="put(tpl, 'description', $event.target.value)"></textarea></div>
      </div>
      <fieldset v-if="modules.length"><legend>{{ t('st.modules') }}</legend>
        <label v-for="m in modules" :key="m.key || m.module" class="check"><input type="checkbox" :id="'ts-mod-' + (m.key || m.module)" :checked="(tpl.modules || []).includes(m.key || m.module)"
          @change="toggleModule(m.key || m.module, $event.target.checked)"> {{ (m.names && m.names[lang]) || m.name || m.key || m.module }}</label>
      </fieldset>
      <h2>{{ t('st.roles') }}</h2>
      <div v-for="(r, k) in (tpl.roles || {})" :key="k" class="inline dz-role" :data-role="k">
        <input :id="'ts-role-' + k" :aria-label="t('st.roleKey')" :value="k" @change="renameRole(k, $event.target.value.trim())">
        <input :id="'ts-role-' + k + '-en'" :aria-label="t('st.nameEn') + ' (' + k + ')'" :value="r.name" @input="put(r, 'name', $event.target.value)">
        <input :id="'ts-role-' + k + '-zh'" :aria-label="t('st.nameZh') + ' (' + k + ')'" :value="r.names && r.names['zh-CN']" @input="putName(r, 'zh-CN', $event.target.value)">
        <button type="button" class="small" @click="removeRole(k)" :aria-label="t('d.remove', { name: k })">✕</button>
      </div>
      <button type="button" class="small" id="ts-add-role" @click="addRole">+ {{ t('st.addRole') }}</button>
      <h2>{{ t('st.fields') }}</h2>
      <p class="hint muted">{{ t('st.fieldsHint') }}</p>
      <FieldList :owner="tpl" id="tf-" :problems="templateProblems" base="$.fields" :taken="fieldKeys"/>
    </section>

    <section v-else-if="tab === 'diagram'" class="dz-diagram" role="tabpanel" aria-labelledby="dz-tab-diagram">
      <p v-if="errors.length" class="muted">{{ t('dg.invalid') }}</p>
      <p v-else-if="diagramError" class="error">{{ diagramError }}</p>
      <div v-if="diagram" class="diagram" tabindex="0" role="region" :aria-label="t('dg.alt')"><img :src="diagram" :alt="t('dg.alt')" data-draft-diagram></div>
    </section>

    <section v-else-if="tab === 'preview'" class="dz-preview" role="tabpanel" aria-labelledby="dz-tab-preview">
      <p class="hint muted">{{ t('pv.hint') }}</p>
      <form @submit.prevent="runPreview">
        <fieldset><legend>{{ t('pv.fields') }}</legend><div class="grid">
          <div v-for="f in fields" :key="f.key" class="field">
            <label :for="'pv-' + f.key">{{ f.label }}</label>
            <select v-if="f.type === 'boolean'" :id="'pv-' + f.key" v-model="sample[f.key]"><option value="">—</option>
              <option value="true">{{ t('common.yes') }}</option><option value="false">{{ t('common.no') }}</option></select>
            <input v-else :id="'pv-' + f.key" v-model="sample[f.key]" :type="['number','money','percent'].includes(f.type) ? 'number' : (f.type === 'date' ? 'date' : 'text')">
          </div></div></fieldset>
        <fieldset><legend>{{ t('pv.roles') }}</legend><div class="grid">
          <div v-for="(r, k) in (tpl.roles || {})" :key="k" class="field">
            <label :for="'pv-role-' + k">{{ who(k) }}</label><input :id="'pv-role-' + k" v-model="sampleRoles[k]" autocomplete="off"></div>
        </div></fieldset>
        <button type="submit" class="primary" id="pv-run">{{ t('pv.run') }}</button>
      </form>
      <p v-if="previewError" class="error" role="alert">{{ previewError }}</p>
      <ul v-if="preview && preview.fieldProblems.length" class="dz-problems"><li v-for="p in preview.fieldProblems" :key="p.field" class="error">{{ p.field }}: {{ p.message }}</li></ul>
      <div v-if="preview" class="table-wrap"><table class="dz-preview-table">
        <thead><tr><th scope="col">{{ t('pv.stage') }}</th><th scope="col">{{ t('pv.runs') }}</th><th scope="col">{{ t('pv.approvers') }}</th></tr></thead>
        <tbody><tr v-for="p in preview.stages" :key="p.key" :data-preview="p.key" :data-runs="p.runs">
          <th scope="row">{{ previewName(p) }}</th>
          <td><span class="badge" :class="p.runs ? 'status-completed' : 'status-cancelled'">{{ p.runs ? t('pv.runs') : t('pv.skipped') }}</span>
            <span v-if="p.when" class="dz-when"> {{ t('d.onlyWhen', { expr: whenWords(p.when) }) }}</span>
            <span v-if="p.problem" class="error">{{ t('pv.cannot', { why: p.problem }) }}</span></td>
          <td><span v-if="p.mode">{{ modeWords(p.mode) }}: {{ p.approvers.length ? p.approvers.map(personWords).join(', ') : t('pv.nobody') }}</span><span v-else>—</span></td>
        </tr></tbody></table></div>
    </section>

    <section v-else class="dz-versions" role="tabpanel" aria-labelledby="dz-tab-versions">
      <h2>{{ t('vh.title') }}</h2>
      <p v-if="!versions.length" class="muted">{{ t('vh.none') }}</p>
      <div v-else class="table-wrap"><table>
        <thead><tr><th scope="col">{{ t('vh.version') }}</th><th scope="col">{{ t('vh.when') }}</th><th scope="col">{{ t('vh.who') }}</th></tr></thead>
        <tbody><tr v-for="v in versions" :key="v.version" :data-version="v.version"><td>{{ v.version }}</td><td>{{ formatTime(v.publishedAt) }}</td><td>{{ v.publishedBy }}</td></tr></tbody>
      </table></div>
      <template v-if="versions.length">
        <h2>{{ t('df.title') }}</h2>
        <div class="inline">
          <label for="df-from">{{ t('df.from') }}</label>
          <select id="df-from" v-model="diffFrom"><option v-for="v in versions" :key="v.version" :value="String(v.version)">{{ v.version }}</option><option value="draft">{{ t('df.draft') }}</option></select>
          <label for="df-to">{{ t('df.to') }}</label>
          <select id="df-to" v-model="diffTo"><option v-for="v in versions" :key="v.version" :value="String(v.version)">{{ v.version }}</option><option value="draft">{{ t('df.draft') }}</option></select>
          <button type="button" id="df-show" @click="compare">{{ t('df.show') }}</button>
        </div>
        <p v-if="diff && !diff.length" class="muted" data-diff-empty>{{ t('df.same') }}</p>
        <ul v-else-if="diff" class="dz-diff">
          <li v-for="(d, di) in diff" :key="di" :class="d.kind"><span class="badge">{{ t('df.' + d.kind) }}</span>
            <strong>{{ d.path.map(propWords).join(' › ') }}</strong>
            <span v-if="d.kind === 'changed'">: <del>{{ valueWords(d.before) }}</del> → <ins>{{ valueWords(d.after) }}</ins></span></li>
        </ul>
        <h2>{{ t('mg.title') }}</h2>
        <div class="inline">
          <label for="mg-from">{{ t('df.from') }}</label>
          <select id="mg-from" v-model="migFrom"><option v-for="v in versions" :key="v.version" :value="String(v.version)">{{ v.version }}</option></select>
          <label for="mg-to">{{ t('df.to') }}</label>
          <select id="mg-to" v-model="migTo"><option v-for="v in versions" :key="v.version" :value="String(v.version)">{{ v.version }}</option></select>
          <button type="button" id="mg-dry" @click="dryRun">{{ t('mg.dryRun') }}</button>
        </div>
        <template v-if="plan">
          <p v-if="!plan.projects.length" class="muted">{{ t('mg.none') }}</p>
          <div v-else class="table-wrap"><table class="dz-plan">
            <thead><tr><th scope="col">{{ t('mg.project') }}</th><th scope="col">{{ t('mg.running') }}</th><th scope="col">{{ t('mg.changes') }}</th></tr></thead>
            <tbody><tr v-for="p in plan.projects" :key="p.projectId" :data-plan="p.projectId">
              <td><label class="check"><input type="checkbox" :value="p.projectId" v-model="chosen" :disabled="!p.canMigrate"> {{ p.name }}</label></td>
              <td>{{ stageWords(p.runningStages) }}</td>
              <td><span v-if="!p.canMigrate" class="error">{{ t('mg.cannot') }}: {{ p.problems.join('; ') }}</span>
                <span v-for="c in changes(p)" :key="c" class="dz-line">{{ c }}</span></td>
            </tr></tbody></table></div>
          <button v-if="plan.projects.length" type="button" class="primary" id="mg-go" :disabled="!chosen.length" @click="migrate">{{ t('mg.migrate') }}</button>
        </template>
      </template>
    </section>
  </div>
  <p v-else-if="error" class="error" role="alert">{{ error }}</p>
  <p v-else>{{ t('common.loading') }}</p>`,
}
