// Insight for managers: the dashboard page and a project's Gantt view (planned and actual bars, today,
// dependencies, the critical path). Styles come from insight.css; Chart.js from its WebJar, loaded on demand.
import { api } from './api.js'

let styled = false
function style() {
  if (styled) return
  styled = true
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = '/ui/insight.css'
  document.head.appendChild(link)
}

let chartLib = null
function loadChart() {
  if (!chartLib) {
    chartLib = new Promise((resolve, reject) => {
      if (window.Chart) return resolve(window.Chart)
      const s = document.createElement('script')
      s.src = '/webjars/chart.js/dist/chart.umd.js'
      s.onload = () => resolve(window.Chart)
      s.onerror = reject
      document.head.appendChild(s)
    })
  }
  return chartLib
}

const pct = v => v === null || v === undefined ? '—' : Math.round(v * 100) + '%'
const num = v => v === null || v === undefined ? '—' : String(Math.round(v * 10) / 10)

export const DashboardView = {
  inject: ['t', 'store'],
  data: () => ({ d: null, error: '', template: '', period: '90d', group: '', templates: [], groups: [], stageNames: {} }),
  created() {
    style()
    this.load()
    api('/api/templates').then(list => { this.templates = Array.isArray(list) ? list : (list.items || []) }).catch(() => {})
    api('/api/groups').then(list => { this.groups = Array.isArray(list) ? list : [] }).catch(() => {})
  },
  beforeUnmount() { if (this.chart) this.chart.destroy() },
  watch: { 'store.lang'() { this.draw() } },
  computed: {
    query() {
      const q = new URLSearchParams({ period: this.period })
      if (this.template) q.set('template', this.template)
      if (this.group) q.set('group', this.group)
      return q.toString()
    },
  },
  methods: {
    pct, num,
    async load() {
      this.error = ''
      try {
        this.d = await api('/api/dashboard?' + this.query)
        this.$nextTick(() => this.draw())
        this.loadNames()
      } catch (e) { this.error = e.message || String(e) }
    },
    async draw() {
      if (!this.d || !this.$refs.weeks) return
      let Chart
      try { Chart = await loadChart() } catch (e) { return }
      if (this.chart) this.chart.destroy()
      this.chart = new Chart(this.$refs.weeks, {
        type: 'bar',
        data: { labels: this.d.throughput.map(w => w.week), datasets: [{ label: this.t('dash.completed'), data: this.d.throughput.map(w => w.completed), backgroundColor: '#1f5f99' }] },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      })
      this.$refs.weeks.setAttribute('data-drawn', 'true')
    },
    /** The stages' names in every language, from the templates the tables mention (a handful). */
    loadNames() {
      const keys = new Set()
      for (const list of [this.d.byStage, this.d.stages, this.d.gates, this.d.stageWork, this.d.overdue]) list.forEach(r => keys.add(r.template))
      for (const key of [...keys].slice(0, 20)) {
        if (this.stageNames[key]) continue
        api('/api/templates/' + encodeURIComponent(key)).then(tpl => {
          const names = {}
          for (const s of tpl.stages || []) names[s.key] = s
          this.stageNames = { ...this.stageNames, [key]: names }
        }).catch(() => {})
      }
    },
    stage(row) {
      const s = this.stageNames[row.template] && this.stageNames[row.template][row.stage]
      return (s && s.names && s.names[this.store.lang]) || (s && s.name) || row.name || row.stage
    },
    tplName(key) {
      const tpl = this.templates.find(x => x.key === key)
      return (tpl && ((tpl.names && tpl.names[this.store.lang]) || tpl.name)) || key
    },
  },
  template: `
  <section>
    <h1>{{ t('dash.title') }}</h1>
    <form class="ins-filters" @submit.prevent="load">
      <label>{{ t('dash.template') }}<select v-model="template" @change="load"><option value="">{{ t('common.all') }}</option>
        <option v-for="x in templates" :key="x.key" :value="x.key">{{ tplName(x.key) }}</option></select></label>
      <label>{{ t('dash.period') }}<select v-model="period" @change="load">
        <option v-for="p in ['7d', '30d', '90d', '365d', 'all']" :key="p" :value="p">{{ t('dash.period.' + p) }}</option></select></label>
      <label>{{ t('dash.group') }}<select v-model="group" @change="load"><option value="">{{ t('dash.everyone') }}</option>
        <option v-for="g in groups" :key="g.name" :value="g.name">{{ g.name }}</option></select></label>
      <a class="button" :href="'/api/dashboard/export?format=xlsx&' + query" download>{{ t('dash.export.xlsx') }}</a>
    </form>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="!d && !error">{{ t('common.loading') }}</p>
    <template v-if="d">
      <ul class="ins-kpis" data-slot="kpis">
        <li><span class="v">{{ d.projects.started }}</span>{{ t('dash.started') }}</li>
        <li><span class="v">{{ d.projects.active }}</span>{{ t('dash.active') }}</li>
        <li><span class="v">{{ d.projects.completed }}</span>{{ t('dash.completed') }}</li>
        <li><span class="v">{{ pct(d.projects.completionRate) }}</span>{{ t('dash.completionRate') }}</li>
        <li><span class="v">{{ pct(d.projects.onTimeRate) }}</span>{{ t('dash.onTimeRate') }}</li>
        <li><span class="v">{{ num(d.projects.cycle.p50) }}</span>{{ t('dash.cycle') }} · {{ t('dash.p50') }}</li>
        <li><span class="v">{{ d.overdue.length }}</span>{{ t('dash.overdue') }}</li>
      </ul>
      <div class="ins-grid">
        <section>
          <h2 id="ins-weeks">{{ t('dash.throughput') }}</h2>
          <div class="ins-chart"><canvas ref="weeks" role="img" aria-labelledby="ins-weeks"></canvas></div>
        </section>
        <section>
          <h2>{{ t('dash.byStatus') }}</h2>
          <div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.status.active') }}</th><th scope="col">{{ t('dash.onHold') }}</th><th scope="col">{{ t('dash.completed') }}</th><th scope="col">{{ t('dash.cancelled') }}</th></tr></thead>
            <tbody><tr><td>{{ d.projects.active }}</td><td>{{ d.projects.onHold }}</td><td>{{ d.projects.completed }}</td><td>{{ d.projects.cancelled }}</td></tr></tbody></table></div>
          <h2>{{ t('dash.byStage') }}</h2>
          <p v-if="!d.byStage.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('dash.projects') }}</th></tr></thead>
            <tbody><tr v-for="s in d.byStage" :key="s.template + s.stage"><td>{{ stage(s) }}</td><td>{{ s.projects }}</td></tr></tbody></table></div>
        </section>
        <section>
          <h2>{{ t('dash.stages') }}</h2>
          <p v-if="!d.stages.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table data-slot="stages"><thead><tr><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('dash.count') }}</th><th scope="col">{{ t('dash.mean') }}</th><th scope="col">{{ t('dash.p50') }}</th><th scope="col">{{ t('dash.p85') }}</th><th scope="col">{{ t('dash.p95') }}</th></tr></thead>
            <tbody><tr v-for="s in d.stages" :key="s.template + s.stage"><td>{{ stage(s) }}</td><td>{{ s.cycle.count }}</td><td>{{ num(s.cycle.mean) }}</td><td>{{ num(s.cycle.p50) }}</td><td>{{ num(s.cycle.p85) }}</td><td>{{ num(s.cycle.p95) }}</td></tr></tbody></table></div>
        </section>
        <section>
          <h2>{{ t('dash.gates') }}</h2>
          <p v-if="!d.gates.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('dash.passed') }}</th><th scope="col">{{ t('dash.recycled') }}</th><th scope="col">{{ t('dash.reworkRate') }}</th></tr></thead>
            <tbody><tr v-for="g in d.gates" :key="g.template + g.stage"><td>{{ stage(g) }}</td><td>{{ g.passed }}</td><td>{{ g.recycled }}</td><td>{{ pct(g.reworkRate) }}</td></tr></tbody></table></div>
        </section>
        <section>
          <h2>{{ t('dash.overdue') }}</h2>
          <p v-if="!d.overdue.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.project') }}</th><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('dash.daysLate') }}</th></tr></thead>
            <tbody><tr v-for="o in d.overdue" :key="o.projectId + o.stage"><td><a :href="'#/projects/' + o.projectId">{{ o.project }}</a></td><td>{{ stage(o) }}</td><td>{{ num(o.daysLate) }}</td></tr></tbody></table></div>
        </section>
        <section>
          <h2>{{ t('dash.people') }}</h2>
          <p v-if="!d.people.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.user') }}</th><th scope="col">{{ t('dash.tasks') }}</th><th scope="col">{{ t('dash.decisions') }}</th><th scope="col">{{ t('dash.handling') }}</th></tr></thead>
            <tbody><tr v-for="p in d.people" :key="p.user"><td>{{ p.user }}</td><td>{{ p.tasks }}</td><td>{{ p.decisions }}</td><td>{{ num(p.meanHandlingHours) }}</td></tr></tbody></table></div>
        </section>
        <section>
          <h2>{{ t('dash.stageWork') }}</h2>
          <p v-if="!d.stageWork.length" class="muted">{{ t('dash.empty') }}</p>
          <div v-else class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('dash.items') }}</th><th scope="col">{{ t('dash.handling') }}</th></tr></thead>
            <tbody><tr v-for="s in d.stageWork" :key="s.template + s.stage"><td>{{ stage(s) }}</td><td>{{ s.items }}</td><td>{{ num(s.meanHandlingHours) }}</td></tr></tbody></table></div>
        </section>
      </div>
    </template>
  </section>`,
}

const ROW = 34
const LABEL = 150
const WIDTH = 760

export const GanttView = {
  props: ['projectId'],
  inject: ['t', 'store'],
  data: () => ({ s: null, forecast: null, health: null, error: '' }),
  created() { style(); this.load() },
  watch: { projectId() { this.load() } },
  computed: {
    days() {
      if (!this.s) return 1
      const start = new Date(this.s.startedAt).getTime()
      let end = this.s.lengthDays
      for (const x of this.s.stages) {
        for (const v of [x.completedAt, x.dueAt]) if (v) end = Math.max(end, (new Date(v).getTime() - start) / 864e5)
      }
      end = Math.max(end, (new Date(this.s.now).getTime() - start) / 864e5)
      return Math.max(1, Math.ceil(end * 1.05))
    },
    height() { return this.s ? (this.s.stages.length + 1) * ROW + 10 : 0 },
    rows() {
      if (!this.s) return []
      const start = new Date(this.s.startedAt).getTime()
      const now = new Date(this.s.now).getTime()
      return this.s.stages.map((x, i) => {
        const a = x.startedAt ? (new Date(x.startedAt).getTime() - start) / 864e5 : null
        const b = x.completedAt ? (new Date(x.completedAt).getTime() - start) / 864e5 : x.startedAt ? (now - start) / 864e5 : null
        const late = x.dueAt && ((x.completedAt ? new Date(x.completedAt).getTime() : now) > new Date(x.dueAt).getTime())
        return { ...x, y: (i + 1) * ROW, px: this.x(x.earliestStart), pw: Math.max(2, this.x(x.earliestFinish) - this.x(x.earliestStart)),
          ax: a === null ? null : this.x(a), aw: a === null ? 0 : Math.max(2, this.x(b) - this.x(a)), late }
      })
    },
    deps() {
      const out = []
      const at = Object.fromEntries(this.rows.map(r => [r.key, r]))
      for (const r of this.rows) {
        for (const p of r.after) {
          const f = at[p]
          if (!f) continue
          const x1 = f.px + f.pw
          const y1 = f.y + 8
          const x2 = r.px
          const y2 = r.y + 8
          out.push({ key: p + '>' + r.key, d: 'M' + x1 + ' ' + y1 + ' H' + (Math.max(x1, x2) + 0) + ' V' + (y2 - 1) + ' H' + (x2 + 1) })
        }
      }
      return out
    },
    todayX() { return this.s ? this.x((new Date(this.s.now).getTime() - new Date(this.s.startedAt).getTime()) / 864e5) : 0 },
    ticks() {
      const step = this.days > 60 ? 14 : this.days > 20 ? 7 : this.days > 8 ? 2 : 1
      const out = []
      for (let d = 0; d <= this.days; d += step) out.push(d)
      return out
    },
    pathNames() {
      if (!this.s) return ''
      return this.s.criticalPath.map(k => this.name(this.s.stages.find(x => x.key === k) || { name: k })).join(' → ')
    },
  },
  methods: {
    num, pct,
    name(x) { return (x.names && x.names[this.store.lang]) || x.name },
    x(days) { return LABEL + (WIDTH - LABEL - 10) * (days / this.days) },
    date(v) { return v ? new Intl.DateTimeFormat(this.store.lang, { dateStyle: 'medium' }).format(new Date(v)) : '—' },
    async load() {
      this.error = ''
      try {
        this.s = await api('/api/projects/' + this.projectId + '/schedule')
        api('/api/projects/' + this.projectId + '/forecast').then(f => { this.forecast = f }).catch(() => {})
        api('/api/projects/' + this.projectId + '/health').then(h => { this.health = h }).catch(() => {})
      } catch (e) { this.error = e.message || String(e) }
    },
    csv() {
      const head = ['stage', 'planned_days', 'earliest_start', 'earliest_finish', 'latest_start', 'latest_finish', 'float', 'critical', 'started_at', 'completed_at']
      const lines = [head.join(',')].concat(this.s.stages.map(x => [x.key, x.plannedDays, x.earliestStart, x.earliestFinish, x.latestStart, x.latestFinish, x.floatDays, x.critical, x.startedAt || '', x.completedAt || ''].join(',')))
      return URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }))
    },
  },
  template: `
  <section class="ins-gantt" data-slot="gantt" v-if="s || error">
    <h2>{{ t('gantt.title') }}</h2>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <template v-if="s">
      <p v-if="health"><span class="ins-health" :class="health.colour">{{ t('gantt.health') }} {{ health.score }}</span>
        {{ store.lang === 'zh-CN' ? health.zh : health.en }}</p>
      <p v-if="forecast && forecast.probabilityLate !== null && forecast.runs" data-slot="forecast">{{ t('gantt.forecast', { chance: pct(forecast.probabilityLate), p50: date(forecast.p50At), p85: date(forecast.p85At), runs: forecast.runs }) }}</p>
      <p class="ins-critical" data-slot="critical-path">{{ t('gantt.criticalPath', { path: pathNames }) }}</p>
      <p class="muted">{{ t('gantt.length', { days: num(s.lengthDays) }) }}<template v-if="s.targetAt"> · {{ t('gantt.target', { date: date(s.targetAt) }) }}</template></p>
      <ul class="ins-legend">
        <li><span class="sw planned"></span>{{ t('gantt.planned') }}</li><li><span class="sw critical"></span>{{ t('gantt.critical') }}</li>
        <li><span class="sw actual"></span>{{ t('gantt.actual') }}</li><li><span class="sw now"></span>{{ t('gantt.today') }}</li>
      </ul>
      <div class="scroll" tabindex="0">
        <svg :viewBox="'0 0 ${WIDTH} ' + height" role="img" :aria-label="t('gantt.title') + '. ' + t('gantt.criticalPath', { path: pathNames })">
          <defs><marker id="ins-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#5b6670"/></marker></defs>
          <g v-for="d in ticks" :key="'t' + d"><line :x1="x(d)" :x2="x(d)" y1="14" :y2="height" stroke="#e3e8ee"/><text :x="x(d) + 2" y="12">{{ d }}</text></g>
          <g v-for="r in rows" :key="r.key" :data-stage="r.key" :data-critical="r.critical">
            <text x="4" :y="r.y + 12" :class="{ crit: r.critical }">{{ r.critical ? '★ ' : '' }}{{ name(r) }}</text>
            <rect class="planned" :class="{ critical: r.critical }" :x="r.px" :y="r.y" :width="r.pw" height="10" rx="2"><title>{{ t('gantt.planned') }}: {{ num(r.earliestStart) }}–{{ num(r.earliestFinish) }} · {{ t('gantt.float', { days: num(r.floatDays) }) }}</title></rect>
            <rect v-if="r.ax !== null" class="actual" :class="{ late: r.late }" :x="r.ax" :y="r.y + 12" :width="r.aw" height="8" rx="2"><title>{{ t('gantt.actual') }}</title></rect>
          </g>
          <path v-for="d in deps" :key="d.key" class="dep" :d="d.d"/>
          <line class="today" :x1="todayX" :x2="todayX" y1="14" :y2="height"/>
          <text :x="todayX + 3" :y="height - 2">{{ t('gantt.today') }}</text>
        </svg>
      </div>
      <div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">{{ t('dash.stage') }}</th><th scope="col">{{ t('gantt.planned') }}</th><th scope="col">{{ t('gantt.critical') }}</th></tr></thead>
        <tbody><tr v-for="r in s.stages" :key="r.key"><td>{{ name(r) }}</td><td>{{ num(r.plannedDays) }}</td>
          <td><span v-if="r.critical" class="ins-critical">{{ t('gantt.critical') }}</span><span v-else>{{ t('gantt.float', { days: num(r.floatDays) }) }}</span></td></tr></tbody></table></div>
      <p><a class="button" :href="csv()" download="schedule.csv">{{ t('gantt.csv') }}</a></p>
    </template>
  </section>`,
}
