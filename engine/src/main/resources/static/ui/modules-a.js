// Pages of the timesheets, budget and daily check-in modules: #/projects/{id}/{timesheets|budget|checkin}.
// Each page asks the server which modules are on and shows nothing of a module that is off.
import { api, cookie, currentWorkspace, describe } from './api.js'
import { localName } from './i18n.js'

export const MODULE_PAGES = ['timesheets', 'budget', 'checkin']

/** The modules of this workspace that are on, asked once per page load. */
let enabledCache = null
export function enabledModules() {
  if (!enabledCache) {
    enabledCache = api('/api/modules').then(list => (Array.isArray(list) ? list : (list.modules || []))
      .filter(m => m.enabled).map(m => m.module || m.key)).catch(e => { enabledCache = null; throw e })
  }
  return enabledCache
}
/** Forget what was asked, after an admin switched a module. */
export function forgetModules() { enabledCache = null }

const ymd = (d) => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0')
const parseDay = (s) => { const [y, m, d] = s.split('-').map(Number); return new Date(y, m - 1, d) }
const mondayOf = (d) => { const x = new Date(d); x.setDate(x.getDate() - ((x.getDay() + 6) % 7)); return x }
const addDays = (s, n) => { const d = parseDay(s); d.setDate(d.getDate() + n); return ymd(d) }
const num = (v) => v === null || v === undefined ? '—' : Number(v).toLocaleString(undefined, { maximumFractionDigits: 2 })

/** Links from a project page to the pages of the modules that are on. */
export const ModuleLinks = {
  props: ['projectId'],
  inject: ['t'],
  data: () => ({ on: [] }),
  async created() {
    try { this.on = (await enabledModules()).filter(m => MODULE_PAGES.includes(m)) } catch (e) { this.on = [] }
  },
  template: `<nav v-if="on.length" class="module-links" :aria-label="t('mod.links')">
    <a v-for="m in on" :key="m" class="button" :href="'#/projects/' + encodeURIComponent(projectId) + '/' + m">{{ t('mod.' + m) }}</a>
  </nav>`,
}

const Timesheets = {
  props: ['project', 'tpl', 'manager'],
  inject: ['t', 'store'],
  data() {
    const monday = ymd(mondayOf(new Date()))
    return { week: monday, data: null, totals: null, submitted: [], error: '', message: '', busy: false, errors: {},
      entry: { date: ymd(new Date()), stage: '', task: '', hours: '', note: '' }, comments: {} }
  },
  computed: {
    days() { return [0, 1, 2, 3, 4, 5, 6].map(i => addDays(this.week, i)) },
    stages() { return (this.tpl && this.tpl.stages) || [] },
    tasks() { const s = this.stages.find(x => x.key === this.entry.stage); return (s && s.tasks) || [] },
    open() { return this.data && ['draft', 'returned'].includes(this.data.status) },
    base() { return '/api/projects/' + encodeURIComponent(this.project.id) + '/timesheets' },
  },
  created() {
    if (this.stages.length) this.entry.stage = this.stages[0].key
    if (!this.days.includes(this.entry.date)) this.entry.date = this.week
    this.load()
  },
  methods: {
    stageName(key) { const s = this.stages.find(x => x.key === key); return s ? localName(this.store.lang, s) : key },
    taskName(stage, key) {
      const s = this.stages.find(x => x.key === stage); const k = s && (s.tasks || []).find(x => x.key === key)
      return k ? localName(this.store.lang, k) : (key || '')
    },
    day(s) { return new Intl.DateTimeFormat(this.store.lang, { weekday: 'short', month: 'short', day: 'numeric' }).format(parseDay(s)) },
    async load() {
      this.error = ''
      try {
        const [data, totals] = await Promise.all([api(this.base + '/weeks/' + this.week), api(this.base + '/totals')])
        this.data = data
        this.totals = totals
        this.submitted = this.manager ? await api(this.base + '/weeks?status=submitted') : []
      } catch (e) { this.error = describe(e, this.t) }
    },
    shift(n) {
      this.week = addDays(this.week, 7 * n)
      this.entry.date = this.week
      this.message = ''
      this.load()
    },
    async add() {
      this.errors = {}; this.error = ''; this.message = ''
      if (!this.entry.hours) { this.errors.hours = this.t('ts.hoursRequired'); return }
      this.busy = true
      try {
        await api(this.base + '/entries', { method: 'POST', body: { date: this.entry.date, stage: this.entry.stage,
          task: this.entry.task || null, hours: this.entry.hours, note: this.entry.note || null } })
        this.entry.hours = ''; this.entry.note = ''
        this.message = this.t('ts.added')
        await this.load()
      } catch (e) { this.errors = e.fieldErrors ? e.fieldErrors() : {}; this.error = describe(e, this.t) } finally { this.busy = false }
    },
    async remove(id) {
      try { await api(this.base + '/entries/' + encodeURIComponent(id), { method: 'DELETE' }); await this.load() } catch (e) { this.error = describe(e, this.t) }
    },
    async submit() {
      this.busy = true
      try { await api(this.base + '/weeks/' + this.week + '/submit', { method: 'POST' }); this.message = this.t('ts.submittedMsg'); await this.load() }
      catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    async decide(w, approve) {
      this.error = ''
      try {
        await api(this.base + '/weeks/' + w.weekStart + '/' + (approve ? 'approve' : 'return'), { method: 'POST',
          body: { user: w.user, comment: this.comments[w.user + w.weekStart] || null } })
        this.message = this.t(approve ? 'ts.approvedMsg' : 'ts.returnedMsg')
        await this.load()
      } catch (e) { this.error = describe(e, this.t) }
    },
  },
  template: `<div class="module-page timesheets">
    <div class="week-bar">
      <button type="button" @click="shift(-1)" :aria-label="t('ts.prevWeek')">‹</button>
      <h2 id="ts-week">{{ t('ts.weekOf', { date: day(week) }) }}</h2>
      <button type="button" @click="shift(1)" :aria-label="t('ts.nextWeek')">›</button>
      <span v-if="data" class="badge" :class="'ts-' + data.status" data-slot="week-status">{{ t('ts.status.' + data.status) }}</span>
    </div>
    <p v-if="data && data.comment" class="card returned-note" role="status">{{ t('ts.returnedBy', { who: data.decidedBy }) }} {{ data.comment }}</p>
    <p v-if="message" class="ok" role="status">{{ message }}</p>
    <div v-if="error" class="error" role="alert"><p>{{ error }}</p></div>
    <form v-if="open" class="card entry-form" @submit.prevent="add" novalidate :aria-label="t('ts.add')">
      <label>{{ t('ts.date') }}<select v-model="entry.date" name="date">
        <option v-for="d in days" :key="d" :value="d">{{ day(d) }}</option></select></label>
      <label>{{ t('ts.stage') }}<select v-model="entry.stage" name="stage" @change="entry.task = ''">
        <option v-for="s in stages" :key="s.key" :value="s.key">{{ stageName(s.key) }}</option></select></label>
      <label>{{ t('ts.task') }}<select v-model="entry.task" name="task">
        <option value="">{{ t('ts.wholeStage') }}</option>
        <option v-for="k in tasks" :key="k.key" :value="k.key">{{ taskName(entry.stage, k.key) }}</option></select></label>
      <label>{{ t('ts.hours') }}<input v-model="entry.hours" name="hours" type="number" min="0.25" max="24" step="0.25" inputmode="decimal"
        :aria-invalid="errors.hours ? 'true' : null" :aria-describedby="errors.hours ? 'ts-hours-error' : null"></label>
      <span v-if="errors.hours" id="ts-hours-error" class="field-error">{{ errors.hours }}</span>
      <label class="wide">{{ t('ts.note') }}<input v-model="entry.note" name="note" maxlength="500"></label>
      <button class="primary" type="submit" :disabled="busy">{{ t('ts.add') }}</button>
    </form>
    <div class="table-wrap" v-if="data">
    <table class="entries" :aria-labelledby="'ts-week'">
      <thead><tr><th scope="col">{{ t('ts.date') }}</th><th scope="col">{{ t('ts.stage') }}</th><th scope="col" class="num">{{ t('ts.hours') }}</th>
        <th scope="col">{{ t('ts.note') }}</th><th scope="col"><span class="sr-only">{{ t('ts.actions') }}</span></th></tr></thead>
      <tbody>
        <tr v-for="e in data.entries" :key="e.id"><td>{{ day(e.date) }}</td>
          <td>{{ stageName(e.stage) }}<span v-if="e.task" class="muted"> · {{ taskName(e.stage, e.task) }}</span></td>
          <td class="num">{{ num(e.hours) }}</td><td>{{ e.note }}</td>
          <td><button v-if="open" type="button" class="small" @click="remove(e.id)">{{ t('ts.remove') }}</button></td></tr>
        <tr v-if="!data.entries.length"><td colspan="5" class="muted">{{ t('ts.none') }}</td></tr>
      </tbody>
      <tfoot><tr><th scope="row" colspan="2">{{ t('ts.total') }}</th><td class="num">{{ num(data.total) }}</td><td colspan="2"></td></tr></tfoot>
    </table></div>
    <button v-if="open && data.entries.length" class="primary" type="button" @click="submit" :disabled="busy">{{ t('ts.submit') }}</button>

    <section v-if="manager" class="approvals" :aria-labelledby="'ts-approvals'">
      <h2 id="ts-approvals">{{ t('ts.toApprove') }}</h2>
      <p v-if="!submitted.length" class="muted">{{ t('ts.noneToApprove') }}</p>
      <ul class="cards"><li v-for="w in submitted" :key="w.user + w.weekStart" class="card">
        <h3>{{ w.user }} · {{ t('ts.weekOf', { date: day(w.weekStart) }) }}</h3>
        <p>{{ t('ts.hoursTotal', { n: num(w.total) }) }}</p>
        <label>{{ t('ts.comment') }}<input v-model="comments[w.user + w.weekStart]" maxlength="1000"></label>
        <div class="row-actions"><button class="primary" type="button" @click="decide(w, true)">{{ t('ts.approve') }}</button>
          <button type="button" @click="decide(w, false)">{{ t('ts.return') }}</button></div>
      </li></ul>
    </section>

    <section v-if="totals" :aria-labelledby="'ts-totals'">
      <h2 id="ts-totals">{{ t('ts.totals') }}</h2>
      <p>{{ t('ts.totalLine', { n: num(totals.total), a: num(totals.approved) }) }}</p>
      <div class="split">
        <div class="table-wrap"><table><caption>{{ t('ts.byStage') }}</caption>
          <thead><tr><th scope="col">{{ t('ts.stage') }}</th><th scope="col" class="num">{{ t('ts.hours') }}</th><th scope="col" class="num">{{ t('ts.approved') }}</th></tr></thead>
          <tbody><tr v-for="l in totals.byStage" :key="l.key"><td>{{ stageName(l.key) }}</td><td class="num">{{ num(l.hours) }}</td><td class="num">{{ num(l.approved) }}</td></tr></tbody></table></div>
        <div class="table-wrap"><table><caption>{{ t('ts.byPerson') }}</caption>
          <thead><tr><th scope="col">{{ t('ts.person') }}</th><th scope="col" class="num">{{ t('ts.hours') }}</th><th scope="col" class="num">{{ t('ts.approved') }}</th></tr></thead>
          <tbody><tr v-for="l in totals.byPerson" :key="l.key"><td>{{ l.key }}</td><td class="num">{{ num(l.hours) }}</td><td class="num">{{ num(l.approved) }}</td></tr></tbody></table></div>
      </div>
      <p v-if="manager" class="row-actions"><a class="button" :href="base + '/export?format=csv'" download>{{ t('ts.csv') }}</a>
        <a class="button" :href="base + '/export?format=xlsx'" download>{{ t('ts.xlsx') }}</a></p>
    </section>
  </div>`,
}
Timesheets.methods.num = num

const Budget = {
  props: ['project', 'tpl', 'manager'],
  inject: ['t', 'store'],
  data: () => ({ data: null, plan: {}, rate: '', cost: { stage: '', amount: '', description: '' }, error: '', message: '', busy: false }),
  computed: { base() { return '/api/projects/' + encodeURIComponent(this.project.id) + '/budget' } },
  created() { this.load() },
  methods: {
    num,
    stageName(key) { const s = ((this.tpl && this.tpl.stages) || []).find(x => x.key === key); return s ? localName(this.store.lang, s) : key },
    pct(r) { return r === null || r === undefined ? '—' : (Number(r) > 0 ? '+' : '') + Math.round(Number(r) * 100) + ' %' },
    async load() {
      try {
        this.data = await api(this.base)
        this.plan = Object.fromEntries(this.data.summary.stages.map(s => [s.key, s.planned]))
        this.rate = this.data.rates.defaultRate
        if (!this.cost.stage && this.data.summary.stages.length) this.cost.stage = this.data.summary.stages[0].key
      } catch (e) { this.error = describe(e, this.t) }
    },
    async run(fn, msg) {
      this.error = ''; this.message = ''; this.busy = true
      try { await fn(); this.message = this.t(msg); await this.load() } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    savePlan() { return this.run(() => api(this.base + '/plan', { method: 'PUT', body: { stages: this.plan } }), 'bud.saved') },
    saveRate() {
      return this.run(() => api(this.base + '/rates', { method: 'PUT', body: { defaultRate: this.rate, people: this.data.rates.people } }), 'bud.saved')
    },
    addCost() {
      return this.run(async () => {
        await api(this.base + '/costs', { method: 'POST', body: { stage: this.cost.stage, amount: this.cost.amount, description: this.cost.description } })
        this.cost.amount = ''; this.cost.description = ''
      }, 'bud.costAdded')
    },
    removeCost(id) { return this.run(() => api(this.base + '/costs/' + encodeURIComponent(id), { method: 'DELETE' }), 'bud.costRemoved') },
  },
  template: `<div class="module-page budget" v-if="data">
    <p v-if="message" class="ok" role="status">{{ message }}</p>
    <div v-if="error" class="error" role="alert"><p>{{ error }}</p></div>
    <dl class="facts budget-facts">
      <div><dt>{{ t('bud.planned') }}</dt><dd>{{ num(data.summary.planned) }}</dd></div>
      <div><dt>{{ t('bud.actual') }}</dt><dd>{{ num(data.summary.actual) }}</dd></div>
      <div><dt>{{ t('bud.overrun') }}</dt><dd :class="{ bad: Number(data.summary.overrun) > 0 }">{{ num(data.summary.overrun) }}</dd></div>
      <div><dt>{{ t('bud.ratio') }}</dt><dd>{{ pct(data.summary.overrunRatio) }}</dd></div>
    </dl>
    <form @submit.prevent="savePlan" novalidate>
    <div class="table-wrap"><table class="budget-stages"><caption>{{ t('bud.byStage') }}</caption>
      <thead><tr><th scope="col">{{ t('ts.stage') }}</th><th scope="col" class="num">{{ t('bud.planned') }}</th><th scope="col" class="num">{{ t('bud.costs') }}</th>
        <th scope="col" class="num">{{ t('bud.labour') }}</th><th scope="col" class="num">{{ t('bud.actual') }}</th><th scope="col" class="num">{{ t('bud.overrun') }}</th></tr></thead>
      <tbody><tr v-for="s in data.summary.stages" :key="s.key" :class="{ over: Number(s.overrun) > 0 }">
        <th scope="row">{{ stageName(s.key) }}</th>
        <td class="num"><input v-if="data.canEdit" v-model="plan[s.key]" type="number" min="0" step="0.01" inputmode="decimal"
          :aria-label="t('bud.plannedFor', { stage: stageName(s.key) })"><template v-else>{{ num(s.planned) }}</template></td>
        <td class="num">{{ num(s.costs) }}</td>
        <td class="num">{{ num(s.labour) }}<span class="muted" v-if="Number(s.hours)"> ({{ t('bud.hoursShort', { n: num(s.hours) }) }})</span></td>
        <td class="num">{{ num(s.actual) }}</td><td class="num">{{ Number(s.overrun) > 0 ? num(s.overrun) : '—' }}</td></tr></tbody>
    </table></div>
    <button v-if="data.canEdit" class="primary" type="submit" :disabled="busy">{{ t('bud.savePlan') }}</button>
    </form>
    <form v-if="data.canEdit" class="card inline-form" @submit.prevent="saveRate" novalidate>
      <label>{{ t('bud.defaultRate') }}<input v-model="rate" type="number" min="0" step="0.01" inputmode="decimal" name="rate"></label>
      <button type="submit" :disabled="busy">{{ t('bud.saveRate') }}</button>
    </form>
    <h2 id="bud-costs">{{ t('bud.costList') }}</h2>
    <form v-if="data.canEdit" class="card entry-form" @submit.prevent="addCost" novalidate :aria-label="t('bud.addCost')">
      <label>{{ t('ts.stage') }}<select v-model="cost.stage" name="stage">
        <option v-for="s in data.summary.stages" :key="s.key" :value="s.key">{{ stageName(s.key) }}</option></select></label>
      <label>{{ t('bud.amount') }}<input v-model="cost.amount" name="amount" type="number" min="0.01" step="0.01" inputmode="decimal"></label>
      <label class="wide">{{ t('bud.description') }}<input v-model="cost.description" name="description" maxlength="300"></label>
      <button class="primary" type="submit" :disabled="busy">{{ t('bud.addCost') }}</button>
    </form>
    <ul class="cost-list">
      <li v-for="c in data.costs" :key="c.id"><span>{{ c.date }} · {{ stageName(c.stage) }} · {{ c.description }}</span>
        <strong>{{ num(c.amount) }}</strong>
        <button v-if="data.canEdit" type="button" class="small" @click="removeCost(c.id)">{{ t('ts.remove') }}</button></li>
      <li v-if="!data.costs.length" class="muted">{{ t('bud.noCosts') }}</li>
    </ul>
  </div>`,
}

const Checkin = {
  props: ['project'],
  inject: ['t', 'store'],
  data: () => ({ day: ymd(new Date()), data: null, note: '', file: null, error: '', message: '', busy: false }),
  computed: {
    base() { return '/api/projects/' + encodeURIComponent(this.project.id) + '/checkins' },
    today() { return this.day === ymd(new Date()) },
    mine() { return this.data && this.data.checkins.find(c => c.user === this.store.me.username) },
  },
  created() { this.load() },
  methods: {
    time(v) { return new Intl.DateTimeFormat(this.store.lang, { timeStyle: 'short' }).format(new Date(v)) },
    async load() {
      try { this.data = await api(this.base + '?day=' + this.day) } catch (e) { this.error = describe(e, this.t) }
    },
    pick(e) { this.file = e.target.files && e.target.files[0] ? e.target.files[0] : null },
    async checkIn() {
      this.error = ''; this.message = ''; this.busy = true
      try {
        const form = new FormData()
        form.append('note', this.note)
        if (this.file) form.append('file', this.file)
        const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }
        if (currentWorkspace()) headers['X-Tollgate-Workspace'] = currentWorkspace()
        const r = await fetch(this.base, { method: 'POST', body: form, headers, credentials: 'same-origin' })
        if (!r.ok) {
          let p = null
          try { p = await r.json() } catch (x) { p = null }
          throw new Error((p && (p.detail || p.title)) || ('HTTP ' + r.status))
        }
        this.message = this.t('ci.done')
        this.file = null
        if (this.$refs.file) this.$refs.file.value = ''
        await this.load()
      } catch (e) { this.error = e.message || describe(e, this.t) } finally { this.busy = false }
    },
  },
  template: `<div class="module-page checkin">
    <form v-if="today" class="card checkin-form" @submit.prevent="checkIn" novalidate>
      <p v-if="mine" class="ok" role="status">{{ t('ci.already', { time: time(mine.at) }) }}</p>
      <label for="ci-note">{{ t('ci.note') }}</label>
      <textarea id="ci-note" v-model="note" maxlength="500" rows="3" :placeholder="t('ci.notePlaceholder')"></textarea>
      <label for="ci-file">{{ t('ci.photo') }}</label>
      <input id="ci-file" ref="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf" @change="pick">
      <button class="primary big" type="submit" :disabled="busy">{{ mine ? t('ci.update') : t('ci.checkIn') }}</button>
    </form>
    <p v-if="message" class="ok" role="status">{{ message }}</p>
    <div v-if="error" class="error" role="alert"><p>{{ error }}</p></div>
    <div class="week-bar">
      <label for="ci-day">{{ t('ci.day') }}</label>
      <input id="ci-day" type="date" v-model="day" @change="load" class="day-input">
    </div>
    <section v-if="data" :aria-labelledby="'ci-standup'">
      <h2 id="ci-standup">{{ t('ci.standup') }}</h2>
      <p class="muted">{{ t('ci.count', { n: data.checkins.length, m: data.checkins.length + data.missing.length }) }}</p>
      <ul class="standup">
        <li v-for="c in data.checkins" :key="c.id" class="card">
          <p><strong>{{ c.user }}</strong> <span class="muted">{{ time(c.at) }}</span></p>
          <p v-if="c.note">{{ c.note }}</p>
          <template v-if="c.attachment">
            <img v-if="c.attachment.contentType.startsWith('image/')" class="photo" :src="base + '/' + c.id + '/attachment'"
              :alt="t('ci.photoOf', { who: c.user })" loading="lazy">
            <a :href="base + '/' + c.id + '/attachment'" download>{{ c.attachment.filename }}</a>
          </template>
        </li>
      </ul>
      <template v-if="data.missing.length">
        <h3>{{ t('ci.missing') }}</h3>
        <p>{{ data.missing.join(', ') }}</p>
      </template>
    </section>
  </div>`,
}

/** #/projects/{id}/{module}: the page of one module for one project; "off" when the workspace has it off. */
export const ModuleView = {
  components: { Timesheets, Budget, Checkin },
  inject: ['t', 'store'],
  data: () => ({ project: null, tpl: null, on: null, error: '' }),
  computed: {
    module() { return this.store.route.module },
    manager() {
      const me = this.store.me
      if (!me || !this.project) return false
      if (me.roles.includes('admin')) return true
      const pms = (this.project.roles && this.project.roles.pm) || []
      return pms.length ? pms.includes(me.username) : this.project.createdBy === me.username
    },
    component() { return { timesheets: 'Timesheets', budget: 'Budget', checkin: 'Checkin' }[this.module] },
  },
  async created() {
    try {
      this.on = await enabledModules()
      if (!this.on.includes(this.module)) return
      const project = await api('/api/projects/' + encodeURIComponent(this.store.route.id))
      this.tpl = await api('/api/templates/' + encodeURIComponent(project.template) + '?version=' + project.version)
      this.project = project
    } catch (e) { this.error = describe(e, this.t) }
  },
  template: `<section class="module-view">
    <p class="crumbs"><a :href="'#/projects/' + encodeURIComponent(store.route.id)">{{ project ? project.name : t('mod.back') }}</a></p>
    <h1>{{ t('mod.' + module) }}</h1>
    <div v-if="error" class="error" role="alert"><p>{{ error }}</p></div>
    <p v-else-if="on && !on.includes(module)" class="card">{{ t('mod.off') }}</p>
    <nav v-if="project && on" class="tabs" :aria-label="t('mod.links')">
      <a v-for="m in on.filter(x => ['timesheets', 'budget', 'checkin'].includes(x))" :key="m"
        :href="'#/projects/' + encodeURIComponent(project.id) + '/' + m" :aria-current="m === module ? 'page' : null">{{ t('mod.' + m) }}</a>
    </nav>
    <component v-if="project && component" :is="component" :project="project" :tpl="tpl" :manager="manager"/>
    <p v-else-if="!error && !(on && !on.includes(module))" class="muted">{{ t('common.loading') }}</p>
  </section>`,
}
