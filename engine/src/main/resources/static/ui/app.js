// The Tollgate web UI: Vue 3's ES-module build, screens as components with template strings, a hash
// router, and the REST API called with the session cookie. Text is only ever interpolated ({{ }}), which
// escapes it; nothing here uses v-html.
import { createApp, reactive } from '/webjars/vue/dist/vue.esm-browser.prod.js'
import { initialLanguage, languages, localName, translate } from './i18n.js'
import { api, ApiError, cookie, currentWorkspace, describe, setWorkspace } from './api.js'
import { FieldForm, collect, fromApi, validateAll } from './fields.js'
import { TemplatesView, DesignerView } from './designer.js'
import { DashboardView, GanttView } from './insight.js'
import { MODULE_PAGES, ModuleLinks, ModuleView, forgetModules } from './modules-a.js'
import { RetrospectivePanel, RetrospectivesView } from './retro.js'
import { AttachmentLink } from './attachments.js'
import { LibraryView } from './library.js'
import { ModulesPanels } from './modules-b.js'
import { TaskListImport, ProjectTaskImport } from './task-import.js'

// ---- state shared by every screen -------------------------------------------------------------------
const store = reactive({
  lang: initialLanguage(),
  me: null,
  people: [],
  route: parseRoute(location.hash),
  unread: null,
  flash: '',
})
const t = (key, params) => translate(store.lang, key, params)

function parseRoute(hash) {
  const [path, query] = (hash || '').replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean)
  const params = Object.fromEntries(new URLSearchParams(query || ''))
  if (parts[0] === 'projects' && parts[1] === 'new') return { name: 'start', params }
  if (parts[0] === 'projects' && parts[1] && MODULE_PAGES.includes(parts[2])) return { name: 'module', id: parts[1], module: parts[2], params }
  if (parts[0] === 'projects' && parts[1]) return { name: 'project', id: parts[1], params }
  if (parts[0] === 'projects') return { name: 'projects', params }
  if (parts[0] === 'notifications') return { name: 'notifications', params }
  if (parts[0] === 'retrospectives') return { name: 'retrospectives', params }
  if (parts[0] === 'dashboard') return { name: 'dashboard', params }
  if (parts[0] === 'settings') return { name: 'settings', params }
  if (parts[0] === 'templates') return parts[1] ? { name: 'designer', id: decodeURIComponent(parts[1]), params } : { name: 'templates', params }
  if (parts[0] === 'library') return { name: 'library', params }
  if (parts[0] === 'admin') return { name: 'admin', tab: parts[1] || 'users', params }
  return { name: 'inbox', params }
}
window.addEventListener('hashchange', () => {
  store.route = parseRoute(location.hash)
  store.flash = ''
  if (store.me && !store.me.mustChangePassword) loadNotifications()
  window.scrollTo(0, 0)
})

function formatTime(value) {
  if (!value) return ''
  const d = new Date(value)
  return isNaN(d) ? String(value) : new Intl.DateTimeFormat(store.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}
function formatDate(value) {
  if (!value) return ''
  const d = new Date(value)
  return isNaN(d) ? String(value) : new Intl.DateTimeFormat(store.lang, { dateStyle: 'medium' }).format(d)
}
function formatValue(value) {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.join(', ')
  if (value === true) return t('field.true')
  if (value === false) return t('field.false')
  return String(value)
}
const isManager = () => !!store.me && (store.me.roles.includes('admin') || store.me.roles.includes('pm'))
const isAdmin = () => !!store.me && store.me.roles.includes('admin')
const personName = (username) => {
  const p = store.people.find(x => x.username === username)
  return p && p.displayName ? p.displayName + ' (' + username + ')' : username
}
/** "user:alice" / "group:qa" / a role key, in words. */
const principal = (p) => String(p || '').replace(/^user:/, '').replace(/^group:/, '@')

/** Template JSON by key and version; versions never change. */
const templateCache = new Map()
async function template(key, version) {
  const id = key + '#' + (version || 'latest')
  if (!templateCache.has(id)) {
    templateCache.set(id, api('/api/templates/' + encodeURIComponent(key) + (version ? '?version=' + version : ''))
      .catch(e => { templateCache.delete(id); throw e }))
  }
  return templateCache.get(id)
}
// asks a command for its short answer (the item and its project's status), not the whole project
const MINIMAL = { Prefer: 'return=minimal' }
const stageName = (tpl, key) => {
  const s = tpl && (tpl.stages || []).find(x => x.key === key)
  return s ? localName(store.lang, s) : key
}

/** A gate criterion in words, in the language: fields and tasks by their names, expressions by their message. */
function criterionText(tpl, c, stage) {
  if (c.kind === 'extraTask') {
    const task = stage && (stage.tasks || []).find(x => x.key === c.key)
    return task ? translate(store.lang, 'criterion.extraTask', { name: task.name, who: task.assignee || '' }) : c.message
  }
  if (c.kind === 'field') {
    let def = null
    for (const f of (tpl && tpl.fields) || []) if (f.key === c.key) def = f
    for (const s of (tpl && tpl.stages) || []) {
      for (const f of s.fields || []) if (f.key === c.key) def = f
      for (const x of s.tasks || []) for (const f of x.fields || []) if (f.key === c.key) def = f
    }
    return translate(store.lang, c.met ? 'criterion.filled' : 'criterion.mustFill', { name: localName(store.lang, def, c.key) })
  }
  if (c.kind === 'noOpenHighRisk' || c.kind === 'releaseReady') return store.lang === 'en' ? c.message : translate(store.lang, 'criterion.' + c.kind + (c.met ? 'Met' : 'Open'))
  if (c.kind === 'tasks') return c.met ? translate(store.lang, 'criterion.tasksDone') : (store.lang === 'en' ? c.message : translate(store.lang, 'criterion.tasksOpen'))
  return c.message || c.key
}

// ---- shared pieces ----------------------------------------------------------------------------------
const ErrorBox = {
  props: ['error', 'unmet'],
  inject: ['t'],
  template: `<div v-if="error" class="error" role="alert"><p>{{ error }}</p>
    <template v-if="unmet && unmet.length"><p>{{ t('error.unmet') }}</p>
    <ul><li v-for="(u, i) in unmet" :key="i">{{ u.message || u.key }}</li></ul></template></div>`,
}

const StatusBadge = {
  props: ['kind', 'value'],
  inject: ['t'],
  template: `<span class="badge" :class="kind + '-' + value">{{ t(kind + '.' + value) }}</span>`,
}

/** Pick people of the workspace: a select of the known people, or a name typed in when none are known. */
const PersonPicker = {
  props: ['modelValue', 'label', 'id', 'exclude'],
  emits: ['update:modelValue'],
  inject: ['t', 'store'],
  computed: {
    choices() { return this.store.people.filter(p => !(this.exclude || []).includes(p.username)) },
  },
  template: `<span class="picker">
    <label class="sr-only" :for="id">{{ label }}</label>
    <select v-if="choices.length" :id="id" :value="modelValue" @change="$emit('update:modelValue', $event.target.value)">
      <option value="">{{ t('field.choose') }}</option>
      <option v-for="p in choices" :key="p.username" :value="p.username">{{ p.displayName || p.username }} ({{ p.username }})</option>
    </select>
    <input v-else :id="id" :value="modelValue" maxlength="100" @input="$emit('update:modelValue', $event.target.value.trim())">
  </span>`,
}

// ---- password change --------------------------------------------------------------------------------
const PasswordView = {
  components: { ErrorBox },
  inject: ['t', 'store'],
  data: () => ({ current: '', next: '', repeat: '', error: '', busy: false }),
  methods: {
    async submit() {
      this.error = ''
      if (this.next !== this.repeat) { this.error = this.t('pw.mismatch'); return }
      this.busy = true
      try {
        await api('/api/users/' + encodeURIComponent(this.store.me.username) + '/password',
          { method: 'POST', body: { currentPassword: this.current, password: this.next } })
        // the session still carries the old mark: sign in again with the new password
        await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }, redirect: 'manual' })
        location.assign('/login?changed')
      } catch (e) {
        this.error = describe(e, this.t)
      } finally { this.busy = false }
    },
  },
  template: `<section class="narrow">
    <h1>{{ t('pw.title') }}</h1>
    <p>{{ t('pw.why') }}</p>
    <ErrorBox :error="error"/>
    <form @submit.prevent="submit" class="card">
      <div class="field"><label for="pw-current">{{ t('pw.current') }}</label>
        <input id="pw-current" type="password" v-model="current" autocomplete="current-password" required maxlength="200"></div>
      <div class="field"><label for="pw-new">{{ t('pw.new') }}</label>
        <input id="pw-new" type="password" v-model="next" autocomplete="new-password" required maxlength="200"></div>
      <div class="field"><label for="pw-repeat">{{ t('pw.repeat') }}</label>
        <input id="pw-repeat" type="password" v-model="repeat" autocomplete="new-password" required maxlength="200"></div>
      <button class="primary" :disabled="busy">{{ t('pw.submit') }}</button>
    </form></section>`,
}

// ---- inbox: tasks and approvals -----------------------------------------------------------------------
const TaskPanel = {
  components: { FieldForm, ErrorBox },
  props: ['item'],
  emits: ['done'],
  inject: ['t', 'store'],
  data() {
    const values = {}
    for (const f of this.item.fields || []) values[f.key] = fromApi(f, f.value)
    return { values, errors: {}, error: '', unmet: [], busy: false }
  },
  methods: {
    async submit() {
      this.error = ''
      this.unmet = []
      if (!validateAll(this.item.fields || [], this.values, this.errors, this.t)) {
        this.error = this.t('error.fix')
        return
      }
      this.busy = true
      try {
        // the inbox reloads itself afterwards: the short answer is enough
        await api('/api/tasks/' + encodeURIComponent(this.item.id) + '/complete', { method: 'POST', headers: MINIMAL,
          body: { fields: collect(this.item.fields || [], this.values) } })
        this.$emit('done', this.t('task.done'))
      } catch (e) {
        this.error = describe(e, this.t)
        if (e instanceof ApiError) {
          Object.assign(this.errors, e.fieldErrors())
          this.unmet = e.unmet
        }
      } finally { this.busy = false }
    },
  },
  template: `<form class="panel" @submit.prevent="submit" novalidate>
    <ErrorBox :error="error" :unmet="unmet"/>
    <FieldForm v-if="item.fields && item.fields.length" :fields="item.fields" :values="values" :errors="errors"
      :people="store.people" :id-prefix="'t-' + item.id"/>
    <button class="primary" :disabled="busy">{{ t('task.complete') }}</button>
  </form>`,
}

/** The decisions each gate outcome offers an approver (a gate without `outcomes` offers go and recycle). */
const OUTCOME_DECISIONS = { go: ['approve'], conditional: ['conditional'], hold: ['hold'], kill: ['kill'], recycle: ['reject', 'send_back'] }
const decisionsOf = (gate) => {
  const outcomes = gate && gate.outcomes && gate.outcomes.length ? gate.outcomes : ['go', 'recycle']
  const out = []
  for (const o of ['go', 'conditional', 'hold', 'kill', 'recycle']) if (outcomes.includes(o)) out.push(...OUTCOME_DECISIONS[o])
  return out
}
/** A date picked in a form (yyyy-mm-dd) as the end of that day in the browser's zone, as the API takes it. */
const endOfDay = (date) => date ? new Date(date + 'T23:59:00').toISOString() : null
const startOfDay = (date) => date ? new Date(date + 'T00:00:00').toISOString() : null

const ApprovalPanel = {
  components: { ErrorBox, PersonPicker },
  props: ['item', 'project', 'tpl'],
  emits: ['done'],
  inject: ['t', 'store'],
  data: () => ({ decision: 'approve', comment: '', target: '', error: '', unmet: [], busy: false, errors: {},
    conditions: [{ text: '', owner: '', due: '' }], delegateTo: '', addSigner: '', removeSigner: '' }),
  computed: {
    stage() { return this.project && this.project.stages.find(s => s.key === this.item.stageKey) },
    earlier() {
      if (!this.project) return []
      const i = this.project.stages.findIndex(s => s.key === this.item.stageKey)
      return this.project.stages.slice(0, i + 1)
    },
    decisions() { return decisionsOf(this.stage && this.stage.gate) },
    needsComment() { return !['approve', 'conditional'].includes(this.decision) },
  },
  created() { this.target = this.item.stageKey },
  watch: {
    // a part filled in after a refusal is no longer marked
    conditions: {
      deep: true,
      handler(list) {
        list.forEach((c, i) => {
          if (c.text.trim()) delete this.errors['conditions[' + i + '].text']
          if (c.owner) delete this.errors['conditions[' + i + '].owner']
          if (c.due) delete this.errors['conditions[' + i + '].dueAt']
        })
      },
    },
    comment(text) { if (text.trim()) delete this.errors.comment },
  },
  methods: {
    label(d) { return this.t('approval.' + { approve: 'approve', reject: 'reject', send_back: 'sendBack', conditional: 'conditional', hold: 'hold', kill: 'kill' }[d]) },
    hint(d) { return this.t('approval.hint.' + d) },
    addCondition() { if (this.conditions.length < 20) this.conditions.push({ text: '', owner: '', due: '' }) },
    removeCondition(i) { this.conditions.splice(i, 1) },
    async run(path, body, message) {
      this.error = ''
      this.unmet = []
      this.errors = {}
      this.busy = true
      try {
        await api('/api/tasks/' + encodeURIComponent(this.item.id) + path, { method: 'POST', headers: MINIMAL, body })
        this.$emit('done', message)
      } catch (e) {
        this.error = describe(e, this.t)
        if (e instanceof ApiError) { this.unmet = e.unmet; this.errors = e.fieldErrors() }
      } finally { this.busy = false }
    },
    decide() {
      this.errors = {}
      if (this.needsComment && !this.comment.trim()) {
        this.errors.comment = this.t('approval.commentNeeded')
        this.error = this.t('error.fix')
        return
      }
      const body = { decision: this.decision, comment: this.comment.trim() || null }
      if (this.decision === 'send_back') body.sendBackTo = this.target
      if (this.decision === 'conditional') {
        this.conditions.forEach((c, i) => {
          if (!c.text.trim()) this.errors['conditions[' + i + '].text'] = this.t('field.err.required')
          if (!c.owner) this.errors['conditions[' + i + '].owner'] = this.t('field.err.required')
          if (!c.due) this.errors['conditions[' + i + '].dueAt'] = this.t('field.err.required')
        })
        if (Object.keys(this.errors).length) { this.error = this.t('error.fix'); return }
        body.conditions = this.conditions.map(c => ({ text: c.text.trim(), owner: c.owner, dueAt: endOfDay(c.due) }))
      }
      this.run('/decision', body, this.t('approval.decided'))
    },
    delegate() { if (this.delegateTo) this.run('/delegate', { to: this.delegateTo }, this.t('approval.delegated')) },
    add() { if (this.addSigner) this.run('/signers', { add: [this.addSigner] }, this.t('approval.signersChanged')) },
    remove() { if (this.removeSigner) this.run('/signers', { remove: [this.removeSigner] }, this.t('approval.signersChanged')) },
  },
  template: `<div class="panel">
    <div v-if="stage && stage.gate">
      <h3>{{ t('approval.checklist') }}</h3>
      <ul class="checklist">
        <li v-for="c in stage.gate.criteria" :key="c.kind + c.key" :class="c.met ? 'met' : 'unmet'">
          <span class="mark" aria-hidden="true">{{ c.met ? '✓' : '✗' }}</span>
          <strong>{{ c.met ? t('project.met') : t('project.unmet') }}:</strong> {{ criterionText(tpl, c) }}</li>
        <li v-if="!stage.gate.criteria.length">{{ t('project.noCriteria') }}</li>
      </ul>
      <p v-if="stage.gate.approval && stage.gate.approval.pending && stage.gate.approval.pending.length">
        {{ t('project.waitingFor', { who: stage.gate.approval.pending.map(principal).join(', ') }) }}</p>
    </div>
    <ErrorBox :error="error" :unmet="unmet"/>
    <form @submit.prevent="decide" novalidate>
      <fieldset>
        <legend>{{ t('approval.decision') }}</legend>
        <label v-for="d in decisions" :key="d" class="check" :data-decision="d"><input type="radio" name="decision" :value="d" v-model="decision"> {{ label(d) }}</label>
      </fieldset>
      <p class="muted hint" data-slot="gate-outcomes">{{ hint(decision) }}</p>
      <fieldset v-if="decision === 'conditional'" class="conditions">
        <legend>{{ t('approval.conditions') }}</legend>
        <div v-for="(c, i) in conditions" :key="i" class="condition card" :data-condition="i">
          <div class="field" :class="{invalid: errors['conditions[' + i + '].text']}">
            <label :for="'cond-text-' + item.id + '-' + i">{{ t('approval.condition.text') }}<span class="req"> *</span></label>
            <textarea :id="'cond-text-' + item.id + '-' + i" v-model="c.text" rows="2" maxlength="1000"></textarea>
            <p v-if="errors['conditions[' + i + '].text']" class="field-error" role="alert">{{ errors['conditions[' + i + '].text'] }}</p></div>
          <div class="field" :class="{invalid: errors['conditions[' + i + '].owner']}">
            <span class="label">{{ t('approval.condition.owner') }}<span class="req"> *</span></span>
            <PersonPicker v-model="c.owner" :id="'cond-owner-' + item.id + '-' + i" :label="t('approval.condition.owner')"/>
            <p v-if="errors['conditions[' + i + '].owner']" class="field-error" role="alert">{{ errors['conditions[' + i + '].owner'] }}</p></div>
          <div class="field" :class="{invalid: errors['conditions[' + i + '].dueAt']}">
            <label :for="'cond-due-' + item.id + '-' + i">{{ t('approval.condition.due') }}<span class="req"> *</span></label>
            <input type="date" :id="'cond-due-' + item.id + '-' + i" v-model="c.due">
            <p v-if="errors['conditions[' + i + '].dueAt']" class="field-error" role="alert">{{ errors['conditions[' + i + '].dueAt'] }}</p></div>
          <button type="button" v-if="conditions.length > 1" @click="removeCondition(i)">{{ t('approval.condition.remove') }}</button>
        </div>
        <button type="button" @click="addCondition" :disabled="conditions.length >= 20">{{ t('approval.condition.add') }}</button>
      </fieldset>
      <div class="field" v-if="decision === 'send_back'">
        <label :for="'target-' + item.id">{{ t('approval.target') }}</label>
        <select :id="'target-' + item.id" v-model="target">
          <option v-for="s in earlier" :key="s.key" :value="s.key">{{ stageName(tpl, s.key) }}</option>
        </select>
      </div>
      <div class="field" :class="{invalid: errors.comment}">
        <label :for="'comment-' + item.id">{{ decision === 'kill' ? t('approval.killReason') : t('approval.comment') }}<span v-if="needsComment" class="req"> *</span></label>
        <textarea :id="'comment-' + item.id" v-model="comment" rows="3" maxlength="2000"></textarea>
        <p v-if="errors.comment" class="field-error" role="alert">{{ errors.comment }}</p>
      </div>
      <button class="primary" :disabled="busy">{{ t('approval.submit') }}</button>
    </form>
    <details class="more">
      <summary>{{ t('approval.delegate') }} · {{ t('approval.signers') }}</summary>
      <form class="inline" @submit.prevent="delegate">
        <PersonPicker v-model="delegateTo" :id="'delegate-' + item.id" :label="t('approval.delegate')" :exclude="[store.me.username]"/>
        <button :disabled="busy || !delegateTo">{{ t('approval.delegateSubmit') }}</button>
      </form>
      <form class="inline" @submit.prevent="add">
        <PersonPicker v-model="addSigner" :id="'add-' + item.id" :label="t('approval.addSigner')"/>
        <button :disabled="busy || !addSigner">{{ t('approval.addSigner') }}</button>
      </form>
      <form class="inline" v-if="stage && stage.gate && stage.gate.approval" @submit.prevent="remove">
        <label class="sr-only" :for="'remove-' + item.id">{{ t('approval.removeSigner') }}</label>
        <select :id="'remove-' + item.id" v-model="removeSigner">
          <option value="">{{ t('field.choose') }}</option>
          <option v-for="p in stage.gate.approval.pending" :key="p" :value="principal(p)">{{ principal(p) }}</option>
        </select>
        <button :disabled="busy || !removeSigner">{{ t('approval.removeSigner') }}</button>
      </form>
    </details>
  </div>`,
}
ApprovalPanel.methods.stageName = stageName
ApprovalPanel.methods.principal = principal
ApprovalPanel.methods.criterionText = criterionText

const InboxView = {
  components: { TaskPanel, ApprovalPanel, ErrorBox },
  inject: ['t', 'store'],
  data: () => ({ items: null, error: '', open: null, projects: {}, templates: {}, selected: [],
    batchDecision: 'approve', batchComment: '', batchError: '', batchResults: null, batchNames: {}, busy: false, withdrawable: [] }),
  created() { this.load() },
  computed: {
    approvals() { return (this.items || []).filter(i => i.kind === 'approval') },
    sorted() {
      const now = Date.now()
      const due = i => i.dueAt ? new Date(i.dueAt).getTime() : Infinity
      return [...(this.items || [])].sort((a, b) => {
        const ao = due(a) < now ? 0 : 1
        const bo = due(b) < now ? 0 : 1
        return ao - bo || due(a) - due(b) || String(a.name).localeCompare(String(b.name))
      })
    },
  },
  methods: {
    async load() {
      this.error = ''
      try {
        // the items carry their names in every language; a project and its template are loaded only
        // when one of its approvals is opened
        this.items = await api('/api/tasks')
      } catch (e) { this.error = describe(e, this.t) }
    },
    overdue(i) { return i.dueAt && new Date(i.dueAt).getTime() < Date.now() },
    needs(i) {
      if (i.kind === 'approval') return this.t('inbox.needsDecision')
      const n = (i.fields || []).length
      return n === 1 ? this.t('inbox.needsField') : n ? this.t('inbox.needsFields', { n }) : this.t('inbox.needsNothing')
    },
    async decideBatch() {
      this.batchError = ''
      this.batchResults = null
      if (!this.selected.length) { this.batchError = this.t('batch.noneSelected'); return }
      if (this.batchDecision !== 'approve' && !this.batchComment.trim()) { this.batchError = this.t('approval.commentNeeded'); return }
      this.busy = true
      const names = {}
      for (const i of this.items) if (this.selected.includes(i.id)) names[i.id] = i.projectName + ' · ' + this.itemName(i)
      try {
        const answer = await api('/api/tasks/decisions', { method: 'POST', body: {
          ids: this.selected, decision: this.batchDecision, comment: this.batchComment.trim() || null } })
        this.batchNames = names
        this.batchResults = answer.results
        this.selected = []
        this.batchComment = ''
        await this.load()
      } catch (e) { this.batchError = describe(e, this.t) } finally { this.busy = false }
    },
    problemText(r) {
      if (r.ok) return this.t('batch.ok')
      const p = r.problem || {}
      const unmet = Array.isArray(p.unmet) && p.unmet.length ? ' ' + p.unmet.map(u => u.message || u.key).join('; ') : ''
      return (p.detail || p.title || this.t('error.title')) + unmet
    },
    async toggle(i) {
      this.open = this.open === i.id ? null : i.id
      if (this.open && i.kind === 'approval' && !this.projects[i.projectId]) {
        try {
          const p = await api('/api/projects/' + encodeURIComponent(i.projectId))
          this.templates[i.projectId] = await template(p.template, p.version)
          this.projects[i.projectId] = p
        } catch (e) { this.error = describe(e, this.t) }
      }
    },
    async done(message) {
      this.open = null
      this.store.flash = message
      await this.load()
    },
    stageName(i) { return (i.stageNames && i.stageNames[this.store.lang]) || i.stageName || i.stageKey },
    itemName(i) {
      if (i.kind === 'approval') return this.t('inbox.approval') + ': ' + this.stageName(i)
      return (i.names && i.names[this.store.lang]) || i.name
    },
    formatTime,
  },
  template: `<section>
    <h1>{{ t('inbox.title') }}</h1>
    <ErrorBox :error="error"/>
    <p v-if="items === null && !error">{{ t('common.loading') }}</p>
    <p v-else-if="items && !items.length" class="empty">{{ t('inbox.empty') }}</p>
    <template v-else-if="items">
      <p class="muted">{{ t('inbox.count', { n: items.length }) }}</p>
      <form v-if="approvals.length > 1" class="card batch" data-slot="batch-approval" @submit.prevent="decideBatch" novalidate>
        <h2>{{ t('approval.batch') }}</h2>
        <p class="muted">{{ t('batch.hint', { n: selected.length }) }}</p>
        <ErrorBox :error="batchError"/>
        <div class="inline">
          <label for="batch-decision">{{ t('approval.decision') }}</label>
          <select id="batch-decision" v-model="batchDecision">
            <option v-for="d in ['approve', 'reject', 'hold', 'kill']" :key="d" :value="d">{{ t('approval.' + d) }}</option></select>
        </div>
        <div class="field">
          <label for="batch-comment">{{ t('approval.comment') }}<span v-if="batchDecision !== 'approve'" class="req"> *</span></label>
          <textarea id="batch-comment" v-model="batchComment" rows="2" maxlength="2000"></textarea>
        </div>
        <button class="primary" :disabled="busy">{{ t('batch.submit', { n: selected.length }) }}</button>
      </form>
      <div v-if="batchResults" class="card batch-results" role="status">
        <h2>{{ t('batch.results') }}</h2>
        <ul><li v-for="r in batchResults" :key="r.id" :class="r.ok ? 'met' : 'unmet'" :data-result="r.id" :data-ok="r.ok">
          <span class="mark" aria-hidden="true">{{ r.ok ? '✓' : '✗' }}</span>
          <strong>{{ batchNames[r.id] || r.id }}:</strong> {{ problemText(r) }}</li></ul>
      </div>
      <ul class="inbox">
        <li v-for="i in sorted" :key="i.id" class="card" :class="{overdue: overdue(i)}" :data-item="i.id">
          <div class="item-head">
            <label v-if="i.kind === 'approval' && approvals.length > 1" class="pick"><input type="checkbox" :value="i.id" v-model="selected">
              <span class="sr-only">{{ t('batch.select', { name: itemName(i) }) }}</span></label>
            <span class="badge" :class="'kind-' + i.kind">{{ t(i.kind === 'approval' ? 'inbox.approval' : 'inbox.task') }}</span>
            <h2 class="item-title">{{ itemName(i) }}</h2>
            <button class="open" @click="toggle(i)" :aria-expanded="open === i.id ? 'true' : 'false'"
              :aria-controls="'panel-' + i.id">{{ open === i.id ? t('common.close') : t('inbox.open') }}</button>
          </div>
          <dl class="facts">
            <div><dt>{{ t('inbox.project') }}</dt><dd><a :href="'#/projects/' + i.projectId">{{ i.projectName }}</a></dd></div>
            <div><dt>{{ t('inbox.stage') }}</dt><dd>{{ stageName(i) }}</dd></div>
            <div><dt>{{ t('inbox.due') }}</dt><dd>
              <strong v-if="overdue(i)" class="late">{{ t('inbox.overdue') }} · </strong>{{ i.dueAt ? formatTime(i.dueAt) : t('inbox.noDue') }}</dd></div>
            <div><dt>{{ t('inbox.needs') }}</dt><dd>{{ needs(i) }}</dd></div>
          </dl>
          <p v-if="i.projectStatus === 'on_hold'" class="held-note"><span class="badge status-on_hold">{{ t('status.on_hold') }}</span>
            {{ t('inbox.onHold') }}</p>
          <div v-if="open === i.id" :id="'panel-' + i.id">
            <TaskPanel v-if="i.kind === 'task'" :item="i" @done="done"/>
            <ApprovalPanel v-else-if="projects[i.projectId]" :item="i" :project="projects[i.projectId]" :tpl="templates[i.projectId]" @done="done"/>
            <p v-else>{{ t('common.loading') }}</p>
            <details class="more"><summary>{{ t('comments.title') }}</summary>
              <CommentsPanel :project-id="i.projectId" :task-id="i.id"/></details>
          </div>
        </li>
      </ul>
    </template>
  </section>`,
}

// ---- projects -----------------------------------------------------------------------------------------
const ProjectsView = {
  components: { ErrorBox, StatusBadge },
  inject: ['t', 'store'],
  data() {
    const p = this.store.route.params
    return { status: p.status || '', template: p.template || '', health: p.health || '', q: p.q || '',
      page: Number(p.page || 0), size: 20, result: null, templates: [], error: '' }
  },
  created() {
    api('/api/templates').then(list => { this.templates = list }).catch(() => {})
    this.load()
  },
  computed: {
    pages() { return this.result ? Math.max(1, Math.ceil(this.result.total / this.size)) : 1 },
    items() {
      // the list API has no health filter: it applies to the page shown
      const items = this.result ? this.result.items : []
      return this.health ? items.filter(i => i.health === this.health) : items
    },
  },
  methods: {
    async load() {
      this.error = ''
      const params = new URLSearchParams({ page: this.page, size: this.size })
      if (this.status) params.set('status', this.status)
      if (this.template) params.set('template', this.template)
      if (this.q.trim()) params.set('q', this.q.trim())
      try { this.result = await api('/api/projects?' + params) } catch (e) { this.error = describe(e, this.t) }
    },
    filter() { this.page = 0; this.load() },
    go(page) { this.page = page; this.load() },
    tplName(key) { const x = this.templates.find(t => t.key === key); return x ? x.name : key },
    formatTime,
    isManager,
  },
  template: `<section>
    <div class="title-row"><h1>{{ t('projects.title') }}</h1>
      <a v-if="isManager()" class="button primary" href="#/projects/new">{{ t('projects.new') }}</a></div>
    <form class="filters card" @submit.prevent="filter" role="search">
      <div class="field"><label for="pf-status">{{ t('projects.status') }}</label>
        <select id="pf-status" v-model="status"><option value="">{{ t('common.all') }}</option>
          <option v-for="s in ['active','completed','cancelled']" :key="s" :value="s">{{ t('status.' + s) }}</option></select></div>
      <div class="field"><label for="pf-template">{{ t('projects.template') }}</label>
        <select id="pf-template" v-model="template"><option value="">{{ t('common.all') }}</option>
          <option v-for="x in templates" :key="x.key" :value="x.key">{{ x.name }}</option></select></div>
      <div class="field"><label for="pf-health">{{ t('projects.health') }}</label>
        <select id="pf-health" v-model="health"><option value="">{{ t('common.all') }}</option>
          <option v-for="h in ['green','amber','red']" :key="h" :value="h">{{ t('health.' + h) }}</option></select></div>
      <div class="field"><label for="pf-q">{{ t('projects.text') }}</label>
        <input id="pf-q" v-model="q" maxlength="200"></div>
      <button class="primary">{{ t('projects.filter') }}</button>
    </form>
    <ErrorBox :error="error"/>
    <p v-if="!result && !error">{{ t('common.loading') }}</p>
    <p v-else-if="result && !items.length" class="empty">{{ t('projects.empty') }}</p>
    <div v-else-if="result" class="table-wrap" tabindex="0" role="region" :aria-label="t('projects.title')"><table>
      <thead><tr><th scope="col">{{ t('projects.name') }}</th><th scope="col">{{ t('projects.template') }}</th>
        <th scope="col">{{ t('projects.status') }}</th><th scope="col">{{ t('projects.health') }}</th>
        <th scope="col">{{ t('projects.current') }}</th><th scope="col">{{ t('projects.created') }}</th></tr></thead>
      <tbody><tr v-for="p in items" :key="p.id">
        <td><a :href="'#/projects/' + p.id">{{ p.name }}</a></td><td>{{ tplName(p.template) }}</td>
        <td><StatusBadge kind="status" :value="p.status"/></td>
        <td><span v-if="p.health" class="badge" :class="'health-' + p.health">{{ t('health.' + p.health) }}</span></td>
        <td>{{ p.currentStages || '—' }}</td><td>{{ formatTime(p.createdAt) }}</td></tr></tbody>
    </table></div>
    <nav class="pager" v-if="result && pages > 1" :aria-label="t('common.page', { page: page + 1, pages })">
      <button :disabled="page === 0" @click="go(page - 1)">{{ t('common.previous') }}</button>
      <span>{{ t('common.page', { page: page + 1, pages }) }}</span>
      <button :disabled="page + 1 >= pages" @click="go(page + 1)">{{ t('common.next') }}</button>
    </nav>
  </section>`,
}

const StartView = {
  components: { ErrorBox, FieldForm, PersonPicker },
  inject: ['t', 'store'],
  data: () => ({ templates: [], key: '', tpl: null, name: '', values: {}, errors: {}, roles: {}, picks: {},
    error: '', busy: false }),
  created() {
    api('/api/templates').then(list => {
      this.templates = list.filter(x => x.latestVersion)
      const wanted = this.store.route.params.template
      if (wanted) { this.key = wanted; this.choose() }
    }).catch(e => { this.error = describe(e, this.t) })
  },
  methods: {
    async choose() {
      this.tpl = null
      this.errors = {}
      if (!this.key) return
      try {
        const tpl = await template(this.key)
        const values = {}
        for (const f of tpl.fields || []) values[f.key] = fromApi(f, null)
        const roles = {}
        for (const r of Object.keys(tpl.roles || {})) roles[r] = []
        this.values = values
        this.roles = roles
        this.picks = {}
        this.tpl = tpl
      } catch (e) { this.error = describe(e, this.t) }
    },
    roleName(key) { return localName(this.store.lang, this.tpl.roles[key], key) },
    addPerson(role) {
      const who = (this.picks[role] || '').trim()
      if (who && !this.roles[role].includes(who)) this.roles[role].push(who)
      this.picks[role] = ''
    },
    removePerson(role, who) { this.roles[role] = this.roles[role].filter(x => x !== who) },
    async submit() {
      this.error = ''
      const fields = this.tpl.fields || []
      const ok = validateAll(fields, this.values, this.errors, this.t)
      if (!this.name.trim()) { this.errors.name = this.t('field.err.required') } else delete this.errors.name
      if (!ok || this.errors.name) { this.error = this.t('error.fix'); return }
      this.busy = true
      try {
        const project = await api('/api/projects', { method: 'POST', headers: MINIMAL, body: {
          template: this.key, name: this.name.trim(), fields: collect(fields, this.values), roles: this.roles } })
        this.store.flash = this.t('start.started')
        location.hash = '#/projects/' + project.id
      } catch (e) {
        this.error = describe(e, this.t)
        if (e instanceof ApiError) Object.assign(this.errors, e.fieldErrors())
      } finally { this.busy = false }
    },
    personName,
  },
  template: `<section class="narrow">
    <h1>{{ t('start.title') }}</h1>
    <ErrorBox :error="error"/>
    <form @submit.prevent="submit" novalidate class="card">
      <div class="field" :class="{invalid: errors.template}"><label for="st-template">{{ t('start.template') }}</label>
        <select id="st-template" v-model="key" @change="choose">
          <option value="">{{ t('field.choose') }}</option>
          <option v-for="x in templates" :key="x.key" :value="x.key">{{ x.name }}</option></select>
        <p v-if="errors.template" class="field-error" role="alert">{{ errors.template }}</p></div>
      <p v-if="!tpl" class="muted">{{ t('start.pickTemplate') }}</p>
      <template v-else>
        <p class="description">{{ tpl.description }}</p>
        <div class="field" :class="{invalid: errors.name}"><label for="st-name">{{ t('start.name') }}<span class="req"> *</span></label>
          <input id="st-name" v-model="name" maxlength="255" :aria-invalid="!!errors.name"
            :aria-describedby="errors.name ? 'st-name-error' : null">
          <p v-if="errors.name" id="st-name-error" class="field-error" role="alert">{{ errors.name }}</p></div>
        <h2>{{ t('start.fields') }}</h2>
        <FieldForm :fields="tpl.fields || []" :values="values" :errors="errors" :people="store.people" id-prefix="st"/>
        <h2>{{ t('start.roles') }}</h2>
        <p class="muted">{{ t('start.rolesHint') }}</p>
        <div v-for="(people, role) in roles" :key="role" class="field role" :class="{invalid: errors['roles.' + role]}" :data-role="role">
          <span class="label">{{ roleName(role) }}</span>
          <ul class="chips"><li v-for="p in people" :key="p">{{ personName(p) }}
            <button type="button" class="chip-x" @click="removePerson(role, p)" :aria-label="t('start.remove', { name: p })">×</button></li></ul>
          <span class="inline">
            <PersonPicker v-model="picks[role]" :id="'st-role-' + role" :label="t('start.person', { role: roleName(role) })" :exclude="people"/>
            <button type="button" @click="addPerson(role)">{{ t('start.addPerson') }}</button></span>
          <p v-if="errors['roles.' + role]" class="field-error" role="alert">{{ errors['roles.' + role] }}</p>
        </div>
        <p v-if="errors.roles" class="field-error" role="alert">{{ errors.roles }}</p>
        <button class="primary" :disabled="busy">{{ t('start.submit') }}</button>
      </template>
    </form></section>`,
}

// ---- project page --------------------------------------------------------------------------------------
const Timeline = {
  props: ['project', 'tpl'],
  inject: ['t', 'store'],
  components: { StatusBadge },
  computed: {
    /** Stages in columns: a stage stands one column after the latest stage it waits for; parallel ones share a column. */
    columns() {
      const defs = (this.tpl && this.tpl.stages) || []
      const level = {}
      defs.forEach((s, i) => {
        const after = s.after && s.after.length ? s.after : i > 0 ? [defs[i - 1].key] : []
        level[s.key] = after.length ? Math.max(...after.map(a => (level[a] ?? 0) + 1)) : 0
      })
      const cols = []
      for (const s of this.project.stages) {
        const l = level[s.key] ?? cols.length
        ;(cols[l] = cols[l] || []).push(s)
      }
      return cols.filter(Boolean)
    },
    span() {
      const times = [new Date(this.project.createdAt).getTime(), Date.now()]
      for (const s of this.project.stages) {
        for (const v of [s.startedAt, s.dueAt, s.completedAt]) if (v) times.push(new Date(v).getTime())
      }
      const from = Math.min(...times)
      const to = Math.max(...times)
      return { from, to: to === from ? from + 86400000 : to }
    },
    todayAt() { return this.pct(Date.now()) },
  },
  methods: {
    name(s) { return stageName(this.tpl, s.key) },
    overdue(s) {
      return !!s.overdueAt || (s.dueAt && !s.completedAt && ['active', 'approval'].includes(s.status) && new Date(s.dueAt) < new Date())
    },
    pct(time) { return ((time - this.span.from) / (this.span.to - this.span.from) * 100).toFixed(2) },
    bar(from, to) {
      if (!from) return null
      const a = new Date(from).getTime()
      const b = to ? new Date(to).getTime() : Date.now()
      return { left: this.pct(a) + '%', width: Math.max(0.8, this.pct(b) - this.pct(a)) + '%' }
    },
    formatDate,
  },
  template: `<div class="timeline">
    <ol class="stage-columns" tabindex="0" :aria-label="t('project.timeline')">
      <li v-for="(col, i) in columns" :key="i" class="stage-column" :class="{parallel: col.length > 1}">
        <div v-for="s in col" :key="s.key" class="stage-card" :class="['st-' + s.status, {late: overdue(s)}]" :data-stage="s.key" :data-status="s.status">
          <strong>{{ name(s) }}</strong>
          <StatusBadge kind="stage" :value="s.status"/>
          <span v-if="overdue(s)" class="badge late">{{ t('project.overdue') }}</span>
          <span v-if="s.reworkCount" class="badge st-sent_back">{{ t('project.reworks', { n: s.reworkCount }) }}</span>
        </div>
      </li>
    </ol>
    <div class="gantt" role="table" :aria-label="t('project.timeline')">
      <div class="gantt-row" role="row" v-for="s in project.stages" :key="s.key">
        <span class="gantt-label" role="rowheader">{{ name(s) }}</span>
        <span class="gantt-track" role="cell">
          <span v-if="bar(s.startedAt, s.dueAt)" class="gantt-planned" :style="bar(s.startedAt, s.dueAt)"></span>
          <span v-if="bar(s.startedAt, s.completedAt)" class="gantt-actual" :class="['st-' + s.status, {late: overdue(s)}]"
            :style="bar(s.startedAt, s.completedAt)"></span>
          <span class="gantt-text">{{ s.startedAt ? formatDate(s.startedAt) : t('stage.' + s.status) }}
            <template v-if="s.dueAt"> · {{ t('project.planned') }} {{ formatDate(s.dueAt) }}</template>
            <template v-if="s.completedAt"> · {{ t('project.completedAt') }} {{ formatDate(s.completedAt) }}</template></span>
        </span>
      </div>
      <div class="gantt-row today-row" aria-hidden="true"><span class="gantt-label"></span>
        <span class="gantt-track"><span class="today" :style="{left: todayAt + '%'}">{{ t('project.today') }}</span></span></div>
    </div>
    <p class="legend muted"><span class="key planned"></span> {{ t('project.planned') }}
      <span class="key actual"></span> {{ t('project.started') }} → {{ t('project.completedAt') }}</p>
  </div>`,
}

const CommentsPanel = {
  components: { ErrorBox },
  props: ['projectId', 'taskId'],
  emits: ['posted'],
  inject: ['t', 'store'],
  data: () => ({ comments: null, unavailable: false, text: '', error: '', busy: false }),
  created() { this.load() },
  methods: {
    url() { return '/api/projects/' + encodeURIComponent(this.projectId) + '/comments' },
    async load() {
      try {
        const list = await api(this.url() + (this.taskId ? '?taskId=' + encodeURIComponent(this.taskId) : ''))
        this.comments = Array.isArray(list) ? list : (list.items || [])
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405) && !e.problem.detail) this.unavailable = true
        else this.error = describe(e, this.t)
      }
    },
    async post() {
      if (!this.text.trim()) return
      this.busy = true
      this.error = ''
      try {
        await api(this.url(), { method: 'POST', body: { text: this.text.trim(), taskId: this.taskId || null } })
        this.text = ''
        await this.load()
        this.$emit('posted')
      } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    formatTime,
  },
  template: `<div class="comments">
    <p v-if="unavailable" class="muted">{{ t('comments.unavailable') }}</p>
    <template v-else>
      <ErrorBox :error="error"/>
      <p v-if="comments && !comments.length" class="muted">{{ t('comments.empty') }}</p>
      <ol v-if="comments && comments.length" class="comment-list">
        <li v-for="c in comments" :key="c.id" class="comment">
          <p class="meta"><strong>{{ c.author }}</strong> · {{ formatTime(c.at) }}</p>
          <p class="text">{{ c.text }}</p></li>
      </ol>
      <form @submit.prevent="post" class="comment-form">
        <label :for="'comment-new-' + (taskId || projectId)">{{ t('comments.new') }}</label>
        <textarea :id="'comment-new-' + (taskId || projectId)" v-model="text" rows="3" maxlength="4000"
          :aria-describedby="'comment-hint-' + (taskId || projectId)"></textarea>
        <p :id="'comment-hint-' + (taskId || projectId)" class="muted">{{ t('comments.mentionHint') }}</p>
        <button :disabled="busy || !text.trim()">{{ t('comments.post') }}</button>
      </form>
    </template>
  </div>`,
}

const ProjectView = {
  components: { ErrorBox, StatusBadge, Timeline, FieldForm, GanttView, ModuleLinks, ModulesPanels, RetrospectivePanel, AttachmentLink, ProjectTaskImport },
  inject: ['t', 'store'],
  data: () => ({ project: null, tpl: null, audit: [], diagram: '', error: '', editing: false, values: {}, errors: {},
    fieldError: '', busy: false, actionError: '', waiverFor: '', waiver: { criterion: '', reason: '', expires: '' }, waiverErrors: {},
    score: null }),
  created() { this.load() },
  beforeUnmount() { if (this.diagram) URL.revokeObjectURL(this.diagram) },
  watch: {
    'store.route.id'() { if (this.store.route.name === 'project') this.load() },
    'store.lang'() { if (this.project) this.loadDiagram(this.project.id) },
  },
  computed: {
    healthColour() {
      if (this.score && this.score.colour) return { green: 'green', yellow: 'amber', red: 'red' }[this.score.colour] || this.project.health
      return this.project && this.project.health
    },
    fieldDefs() {
      if (!this.tpl) return []
      const out = [...(this.tpl.fields || [])]
      for (const s of this.tpl.stages || []) {
        out.push(...(s.fields || []))
        for (const x of s.tasks || []) out.push(...(x.fields || []))
      }
      return out
    },
    current() {
      return this.project ? this.project.stages.filter(s => ['active', 'approval'].includes(s.status)).map(s => stageName(this.tpl, s.key)) : []
    },
    held() { return this.project && (this.project.hold || this.project.status === 'on_hold') },
    mayResume() {
      if (!this.held) return false
      const stage = this.project.hold && this.project.stages.find(s => s.key === this.project.hold.stageKey)
      return isManager() || this.approverOf(stage)
    },
    conditions() { return (this.project && this.project.conditions) || [] },
    mayWaive() { return this.project && this.project.status === 'active' && isManager() },
    mayEdit() {
      return this.project && this.project.status === 'active' && (isManager() || this.project.createdBy === this.store.me.username)
    },
  },
  methods: {
    async load() {
      this.error = ''
      const id = this.store.route.id
      try {
        const project = await api('/api/projects/' + encodeURIComponent(id))
        this.tpl = await template(project.template, project.version)
        this.project = project
        this.loadAudit()
        this.loadDiagram(id)
        // the health score (schedule, budget, rework, conditions) where the caller may see it; else the
        // project's own rule (overdue stages, lapsed conditions)
        this.score = null
        api('/api/projects/' + encodeURIComponent(id) + '/health').then(h => { this.score = h }).catch(() => {})
      } catch (e) { this.error = describe(e, this.t) }
    },
    loadAudit() {
      api('/api/projects/' + encodeURIComponent(this.store.route.id) + '/audit').then(a => { this.audit = a }).catch(() => {})
    },
    async loadDiagram(id) {
      try {
        const headers = currentWorkspace() ? { 'X-Tollgate-Workspace': currentWorkspace() } : {}
        const r = await fetch('/api/projects/' + encodeURIComponent(id) + '/diagram.svg?lang=' + encodeURIComponent(this.store.lang), { headers, credentials: 'same-origin' })
        if (!r.ok) return
        if (this.diagram) URL.revokeObjectURL(this.diagram)
        this.diagram = URL.createObjectURL(await r.blob())
      } catch (e) { /* the rest of the page stands without it */ }
    },
    edit() {
      const values = {}
      for (const f of this.fieldDefs) values[f.key] = fromApi(f, this.project.fields[f.key])
      this.values = values
      this.errors = {}
      this.editing = true
    },
    async save() {
      this.fieldError = ''
      const changed = this.fieldDefs.filter(f => JSON.stringify(fromApi(f, this.project.fields[f.key])) !== JSON.stringify(this.values[f.key]))
      const defs = changed.map(f => ({ ...f, required: false }))
      if (!validateAll(defs, this.values, this.errors, this.t)) { this.fieldError = this.t('error.fix'); return }
      const fields = {}
      for (const f of changed) fields[f.key] = collect([f], this.values)[f.key] ?? null
      this.busy = true
      try {
        this.project = await api('/api/projects/' + encodeURIComponent(this.project.id) + '/fields', { method: 'PATCH', body: { fields } })
        this.editing = false
        this.store.flash = this.t('common.saved')
      } catch (e) {
        this.fieldError = describe(e, this.t)
        if (e instanceof ApiError) Object.assign(this.errors, e.fieldErrors())
      } finally { this.busy = false }
    },
    approverOf(stage) {
      const me = this.store.me
      const approvers = (stage && stage.gate && stage.gate.approval && stage.gate.approval.approvers) || []
      return approvers.some(a => a === 'user:' + me.username || a === me.username
        || (a.startsWith('group:') && (me.groups || []).includes(a.substring(6)))
        || ((this.project.roles || {})[a] || []).includes(me.username))
    },
    async act(path, body, message) {
      this.actionError = ''
      this.busy = true
      try {
        const answer = await api('/api/' + path, { method: 'POST', body })
        if (answer && answer.stages) this.project = answer
        else this.project = await api('/api/projects/' + encodeURIComponent(this.project.id))
        this.store.flash = message
        this.loadAudit()
        return true
      } catch (e) {
        this.actionError = describe(e, this.t)
        if (e instanceof ApiError) this.waiverErrors = e.fieldErrors()
        return false
      } finally { this.busy = false }
    },
    resume() { this.act('projects/' + encodeURIComponent(this.project.id) + '/resume', undefined, this.t('hold.resumed')) },
    markMet(c) { this.act('projects/' + encodeURIComponent(this.project.id) + '/conditions/' + encodeURIComponent(c.id) + '/met', undefined, this.t('condition.marked')) },
    mayMarkMet(c) { return c.status === 'open' && this.project.status !== 'cancelled' && (c.owner === this.store.me.username || isManager()) },
    mayWithdraw(task) { return this.project.status === 'active' && task.status === 'done' && task.completedBy === this.store.me.username },
    withdraw(task) { this.act('tasks/' + encodeURIComponent(task.id) + '/withdraw', undefined, this.t('task.withdrawn')) },
    // one's own approval or rejection in the gate's current round, while the gate is open; the server
    // says why when the next approver has decided already
    mayTakeBack(s, d) {
      const ds = s.gate.approval.decisions
      const round = Math.max(...ds.map(x => x.round))
      return this.project.status === 'active' && s.status === 'approval' && d.itemId && d.round === round
        && d.user === this.store.me.username && ['approve', 'reject'].includes(d.decision)
    },
    takeBack(d) { this.act('tasks/' + encodeURIComponent(d.itemId) + '/withdraw', undefined, this.t('approval.withdrawn')) },
    openWaiver(s) { this.waiverFor = s.key; this.waiver = { criterion: '', reason: '', expires: '' }; this.waiverErrors = {} },
    async requestWaiver(s) {
      const e = {}
      if (!this.waiver.criterion) e.criterion = this.t('field.err.required')
      if (!this.waiver.reason.trim()) e.reason = this.t('field.err.required')
      if (!this.waiver.expires) e.expiresAt = this.t('field.err.required')
      this.waiverErrors = e
      if (Object.keys(e).length) return
      const ok = await this.act('projects/' + encodeURIComponent(this.project.id) + '/stages/' + encodeURIComponent(s.key) + '/waivers',
        { criterion: this.waiver.criterion, reason: this.waiver.reason.trim(), expiresAt: endOfDay(this.waiver.expires) }, this.t('waiver.requested'))
      if (ok) this.waiverFor = ''
    },
    decideWaiver(s, w, grant) {
      this.act('projects/' + encodeURIComponent(this.project.id) + '/stages/' + encodeURIComponent(s.key) + '/waivers/'
        + encodeURIComponent(w.id) + (grant ? '/grant' : '/refuse'), {}, this.t(grant ? 'waiver.granted' : 'waiver.refused'))
    },
    /** Unmet criteria of the stage's gate no waiver is asked for yet. */
    waivable(s) {
      const asked = (s.gate.waivers || []).filter(w => w.status === 'requested').map(w => w.criterion)
      return s.gate.criteria.filter(c => !c.met && c.kind !== 'extraTask' && !asked.includes(c.key))
    },
    criterionLabel(s, key) {
      const c = s.gate && s.gate.criteria.find(x => x.key === key)
      return c ? criterionText(this.tpl, { ...c, met: false }) : key
    },
    fieldName(f) { return localName(this.store.lang, f) },
    stageName(s) { return stageName(this.tpl, s.key) },
    roleName(r) { return this.tpl && this.tpl.roles && this.tpl.roles[r] ? localName(this.store.lang, this.tpl.roles[r], r) : r },
    taskName(s, task) {
      const def = this.tpl && (this.tpl.stages || []).find(x => x.key === s.key)
      const d = def && (def.tasks || []).find(x => x.key === task.key)
      return d ? localName(this.store.lang, d) : task.name
    },
    actionName(action) {
      const key = 'audit.' + action
      const text = this.t(key)
      return text === key ? action : text
    },
    decisionText(d) { return this.t('project.decided', { user: d.user, decision: this.t('decision.' + d.decision) }) },
    formatTime, formatDate, formatValue, principal, criterionText, personName,
  },
  template: `<section>
    <h1 v-if="!project">{{ error ? t('error.title') : t('common.loading') }}</h1>
    <ErrorBox :error="error"/>
    <template v-if="project">
      <div class="title-row"><h1>{{ project.name }}</h1>
        <StatusBadge kind="status" :value="project.status"/>
        <span v-if="healthColour" class="badge" :class="'health-' + healthColour">{{ t('health.' + healthColour) }}</span></div>
      <p class="muted">{{ tpl ? (tpl.names && tpl.names[store.lang]) || tpl.name : project.template }} v{{ project.version }}
        · {{ t('projects.created') }} {{ formatTime(project.createdAt) }} · {{ project.createdBy }}</p>
      <ModuleLinks :project-id="project.id"/>
      <ErrorBox :error="actionError"/>
      <div v-if="held" class="card held" data-slot="hold" role="status">
        <p><strong>{{ t('hold.title') }}</strong>
          <template v-if="project.hold"> {{ t('hold.since', { stage: stageName({ key: project.hold.stageKey }), who: project.hold.by, when: formatTime(project.hold.since) }) }}</template></p>
        <button v-if="mayResume" class="primary" @click="resume" :disabled="busy">{{ t('hold.resume') }}</button>
      </div>
      <section v-if="conditions.length" class="conditions-list" :aria-label="t('condition.title')">
        <h2>{{ t('condition.title') }}</h2>
        <ul class="cards">
          <li v-for="c in conditions" :key="c.id" class="card condition" :data-condition="c.id" :data-status="c.status">
            <p class="text">{{ c.text }}</p>
            <p class="muted">{{ stageName({ key: c.stageKey }) }} · {{ t('condition.owner') }}: {{ personName(c.owner) }} · {{ t('condition.due') }}: {{ formatDate(c.dueAt) }}</p>
            <p><span class="badge" :class="'cond-' + c.status">{{ t('condition.' + c.status) }}</span>
              <span v-if="c.metAt" class="muted"> {{ c.metBy }} · {{ formatTime(c.metAt) }}</span></p>
            <button v-if="mayMarkMet(c)" @click="markMet(c)" :disabled="busy">{{ t('condition.markMet') }}</button>
          </li>
        </ul>
      </section>

      <h2>{{ t('project.timeline') }}</h2>
      <Timeline :project="project" :tpl="tpl"/>
      <GanttView :project-id="project.id"/>

      <h2>{{ t('project.diagram') }}</h2>
      <div class="diagram" tabindex="0" role="region" :aria-label="t('project.diagram')">
        <img v-if="diagram" :src="diagram" :alt="t('project.diagramAlt', { name: project.name, stages: current.join(', ') || '—' })">
      </div>

      <div class="stages">
        <article v-for="s in project.stages" :key="s.key" class="card stage" :class="'st-' + s.status" :data-stage="s.key">
          <h3>{{ stageName(s) }} <StatusBadge kind="stage" :value="s.status"/></h3>
          <h4>{{ t('project.tasks') }}</h4>
          <ul class="tasks"><li v-for="task in s.tasks" :key="task.id">
            {{ taskName(s, task) }}<span v-if="task.imported" class="badge imported">{{ t('taskImport.badge') }}</span> — <StatusBadge kind="taskstatus" :value="task.status"/>
            <span class="muted"> {{ task.completedBy || task.assignee || (task.candidates || []).map(principal).join(', ') }}</span>
            <button v-if="mayWithdraw(task)" class="small" @click="withdraw(task)" :disabled="busy">{{ t('task.withdraw') }}</button></li></ul>
          <h4>{{ t('project.gate') }}</h4>
          <ul class="checklist" v-if="s.gate">
            <li v-for="c in s.gate.criteria" :key="c.kind + c.key" :class="c.met ? 'met' : 'unmet'">
              <span class="mark" aria-hidden="true">{{ c.met ? '✓' : '✗' }}</span>
              <strong>{{ c.met ? t('project.met') : t('project.unmet') }}:</strong> {{ criterionText(tpl, c, s) }}</li>
            <li v-if="!s.gate.criteria.length" class="muted">{{ t('project.noCriteria') }}</li>
          </ul>
          <template v-if="s.gate && s.gate.approval">
            <ul class="decisions"><li v-for="(d, i) in s.gate.approval.decisions" :key="i">{{ decisionText(d) }}
              <q v-if="d.comment">{{ d.comment }}</q> <span class="muted">{{ formatTime(d.at) }}</span>
              <button v-if="mayTakeBack(s, d)" class="small take-back" @click="takeBack(d)" :disabled="busy">{{ t('task.withdraw') }}</button></li></ul>
            <p v-if="s.gate.approval.pending && s.gate.approval.pending.length">
              {{ t('project.waitingFor', { who: s.gate.approval.pending.map(principal).join(', ') }) }}</p>
          </template>
          <template v-if="s.gate && ((s.gate.waivers || []).length || (mayWaive && s.gate.criteria.some(c => !c.met && c.kind !== 'extraTask') && ['active', 'approval'].includes(s.status)))">
            <h4>{{ t('waiver.title') }}</h4>
            <ul class="waivers"><li v-for="w in s.gate.waivers || []" :key="w.id" :data-waiver="w.id" :data-status="w.status">
              <span class="badge" :class="'waiver-' + w.status">{{ t('waiverstatus.' + w.status) }}</span>
              {{ criterionLabel(s, w.criterion) }} — <q>{{ w.reason }}</q>
              <span class="muted"> {{ t('waiver.until', { date: formatDate(w.expiresAt) }) }} · {{ w.requestedBy }}</span>
              <span v-if="w.status === 'requested' && approverOf(s)" class="inline">
                <button class="waiver-grant" @click="decideWaiver(s, w, true)" :disabled="busy">{{ t('waiver.grant') }}</button>
                <button @click="decideWaiver(s, w, false)" :disabled="busy">{{ t('waiver.refuse') }}</button></span></li></ul>
            <button v-if="mayWaive && waiverFor !== s.key && waivable(s).length" class="waiver-open" @click="openWaiver(s)">{{ t('waiver.request') }}</button>
            <form v-if="waiverFor === s.key" class="waiver-form" @submit.prevent="requestWaiver(s)" novalidate>
              <div class="field" :class="{invalid: waiverErrors.criterion}"><label :for="'wv-crit-' + s.key">{{ t('waiver.criterion') }}<span class="req"> *</span></label>
                <select :id="'wv-crit-' + s.key" v-model="waiver.criterion"><option value="">{{ t('field.choose') }}</option>
                  <option v-for="c in waivable(s)" :key="c.key" :value="c.key">{{ criterionText(tpl, c) }}</option></select>
                <p v-if="waiverErrors.criterion" class="field-error" role="alert">{{ waiverErrors.criterion }}</p></div>
              <div class="field" :class="{invalid: waiverErrors.reason}"><label :for="'wv-reason-' + s.key">{{ t('waiver.reason') }}<span class="req"> *</span></label>
                <textarea :id="'wv-reason-' + s.key" v-model="waiver.reason" rows="2" maxlength="1000"></textarea>
                <p v-if="waiverErrors.reason" class="field-error" role="alert">{{ waiverErrors.reason }}</p></div>
              <div class="field" :class="{invalid: waiverErrors.expiresAt}"><label :for="'wv-exp-' + s.key">{{ t('waiver.expires') }}<span class="req"> *</span></label>
                <input type="date" :id="'wv-exp-' + s.key" v-model="waiver.expires">
                <p v-if="waiverErrors.expiresAt" class="field-error" role="alert">{{ waiverErrors.expiresAt }}</p></div>
              <button class="primary" :disabled="busy">{{ t('waiver.submit') }}</button>
              <button type="button" @click="waiverFor = ''">{{ t('common.cancel') }}</button>
            </form>
          </template>
        </article>
      </div>

      <div class="title-row"><h2>{{ t('project.fields') }}</h2>
        <button v-if="mayEdit && !editing" @click="edit">{{ t('project.editFields') }}</button></div>
      <form v-if="editing" class="card" @submit.prevent="save" novalidate>
        <ErrorBox :error="fieldError"/>
        <FieldForm :fields="fieldDefs" :values="values" :errors="errors" :people="store.people" id-prefix="pf" :files="project.attachments"/>
        <button class="primary" :disabled="busy">{{ t('common.save') }}</button>
        <button type="button" @click="editing = false">{{ t('common.cancel') }}</button>
      </form>
      <dl v-else class="field-values card">
        <div v-for="f in fieldDefs" :key="f.key"><dt>{{ fieldName(f) }}</dt><dd><AttachmentLink v-if="f.type === 'attachment'" :value="project.fields[f.key]" :files="project.attachments"/><template v-else>{{ formatValue(project.fields[f.key]) }}</template></dd></div>
      </dl>
      <h2>{{ t('project.roles') }}</h2>
      <dl class="field-values card">
        <div v-for="(people, r) in project.roles" :key="r"><dt>{{ roleName(r) }}</dt><dd>{{ people.join(', ') }}</dd></div>
      </dl>

      <ProjectTaskImport :project="project" :stage-name="key => stageName({ key })" @imported="load"/>
      <ModulesPanels :project="project"/>
      <template v-if="project.status === 'completed'"><h2>{{ t('retro.title') }}</h2>
        <RetrospectivePanel :project-id="project.id" @saved="loadAudit"/></template>
      <h2>{{ t('comments.title') }}</h2>
      <CommentsPanel :project-id="project.id" @posted="loadAudit"/>

      <h2>{{ t('project.audit') }}</h2>
      <div class="table-wrap" tabindex="0" role="region" :aria-label="t('project.audit')"><table class="audit">
        <thead><tr><th scope="col">{{ t('common.when') }}</th><th scope="col">{{ t('common.user') }}</th>
          <th scope="col">{{ t('common.what') }}</th><th scope="col">{{ t('common.details') }}</th></tr></thead>
        <tbody><tr v-for="a in audit" :key="a.id"><td>{{ formatTime(a.at) }}</td><td>{{ a.actor }}</td>
          <td :data-action="a.action">{{ actionName(a.action) }}</td><td>{{ a.subject }}<template v-if="a.detail"> · {{ a.detail }}</template></td></tr></tbody>
      </table></div>
    </template>
  </section>`,
}

// ---- admin ----------------------------------------------------------------------------------------------
const AdminView = {
  components: { ErrorBox, TaskListImport },
  inject: ['t', 'store'],
  data: () => ({ users: [], groups: [], modules: [], error: '', message: '', busy: false, members: null,
    newMember: '', newMemberRole: 'member',
    form: { username: '', displayName: '', email: '', password: '', role: 'member', groups: '' }, formErrors: {},
    resetFor: '', resetPassword: '' }),
  created() { this.load() },
  watch: { 'store.route.tab'() { this.message = '' } },
  methods: {
    async load() {
      this.error = ''
      try {
        const [users, groups, modules] = await Promise.all([api('/api/users'), api('/api/groups'), api('/api/modules')])
        this.users = users
        this.groups = groups
        this.modules = Array.isArray(modules) ? modules : (modules.modules || [])
      } catch (e) { this.error = describe(e, this.t) }
      this.loadMembers()
    },
    membersUrl() {
      const ws = currentWorkspace() || (this.store.me.workspace && this.store.me.workspace.key)
      return ws ? '/api/workspaces/' + encodeURIComponent(ws) + '/members' : null
    },
    async loadMembers() {
      // the workspace API is optional: without it the tab says so
      if (!this.membersUrl()) return
      try {
        const list = await api(this.membersUrl())
        this.members = Array.isArray(list) ? list : (list.items || [])
      } catch (e) { this.members = null }
    },
    async memberChange(path, method, body) {
      this.error = ''
      try {
        await api(this.membersUrl() + path, { method, body })
        await this.loadMembers()
      } catch (e) { this.error = describe(e, this.t) }
    },
    addMember() { this.memberChange('', 'POST', { username: this.newMember.trim(), roles: [this.newMemberRole] }).then(() => { this.newMember = '' }) },
    setMemberRole(m, role) { this.memberChange('/' + encodeURIComponent(m.username), 'PATCH', { roles: [role] }) },
    removeMember(m) { this.memberChange('/' + encodeURIComponent(m.username), 'DELETE') },
    async create() {
      this.formErrors = {}
      this.message = ''
      const f = this.form
      if (!f.username.trim()) this.formErrors.username = this.t('field.err.required')
      if (!f.password) this.formErrors.password = this.t('field.err.required')
      if (Object.keys(this.formErrors).length) return
      this.busy = true
      try {
        const user = await api('/api/users', { method: 'POST', body: { username: f.username.trim(),
          displayName: f.displayName.trim() || null, email: f.email.trim() || null, password: f.password,
          roles: [f.role], groups: f.groups.split(',').map(s => s.trim()).filter(Boolean) } })
        this.message = this.t('admin.created', { name: user.username })
        this.form = { username: '', displayName: '', email: '', password: '', role: 'member', groups: '' }
        await this.load()
      } catch (e) {
        this.error = describe(e, this.t)
        if (e instanceof ApiError) this.formErrors = e.fieldErrors()
      } finally { this.busy = false }
    },
    async setEnabled(u, enabled) {
      try {
        await api('/api/users/' + encodeURIComponent(u.username), { method: 'PATCH', body: { enabled } })
        await this.load()
      } catch (e) { this.error = describe(e, this.t) }
    },
    async reset() {
      this.message = ''
      try {
        await api('/api/users/' + encodeURIComponent(this.resetFor) + '/password', { method: 'POST', body: { password: this.resetPassword } })
        this.message = this.t('admin.resetDone', { name: this.resetFor })
        this.resetFor = ''
        this.resetPassword = ''
      } catch (e) { this.error = describe(e, this.t) }
    },
    async switchModule(m) {
      try {
        await api('/api/modules/' + encodeURIComponent(m.key), { method: 'PUT', body: { enabled: !m.enabled } })
        forgetModules()
        await this.load()
      } catch (e) { this.error = describe(e, this.t) }
    },
    moduleName(m) { return (m.names && m.names[this.store.lang]) || m.name || m.key },
  },
  template: `<section>
    <h1>{{ t('admin.title') }}</h1>
    <nav class="tabs" :aria-label="t('admin.title')">
      <a v-for="tab in ['users', 'groups', 'modules', 'members', 'import']" :key="tab" :href="'#/admin/' + tab"
        :aria-current="store.route.tab === tab ? 'page' : null">{{ t('admin.' + tab) }}</a>
    </nav>
    <ErrorBox :error="error"/>
    <p v-if="message" class="notice" role="status">{{ message }}</p>
    <template v-if="store.route.tab === 'users'">
      <form class="card" @submit.prevent="create" novalidate>
        <h2>{{ t('admin.newUser') }}</h2>
        <div class="grid">
          <div class="field" :class="{invalid: formErrors.username}"><label for="nu-username">{{ t('admin.username') }}<span class="req"> *</span></label>
            <input id="nu-username" v-model="form.username" maxlength="100" autocomplete="off">
            <p v-if="formErrors.username" class="field-error" role="alert">{{ formErrors.username }}</p></div>
          <div class="field"><label for="nu-display">{{ t('admin.displayName') }}</label>
            <input id="nu-display" v-model="form.displayName" maxlength="200"></div>
          <div class="field" :class="{invalid: formErrors.email}"><label for="nu-email">{{ t('admin.email') }}</label>
            <input id="nu-email" type="email" v-model="form.email" maxlength="320">
            <p v-if="formErrors.email" class="field-error" role="alert">{{ formErrors.email }}</p></div>
          <div class="field" :class="{invalid: formErrors.password}"><label for="nu-password">{{ t('admin.password') }}<span class="req"> *</span></label>
            <input id="nu-password" type="password" v-model="form.password" maxlength="200" autocomplete="new-password">
            <p v-if="formErrors.password" class="field-error" role="alert">{{ formErrors.password }}</p></div>
          <div class="field"><label for="nu-role">{{ t('admin.roles') }}</label>
            <select id="nu-role" v-model="form.role"><option v-for="r in ['member','pm','admin']" :key="r" :value="r">{{ t('admin.role.' + r) }}</option></select></div>
          <div class="field"><label for="nu-groups">{{ t('admin.groupsField') }}</label>
            <input id="nu-groups" v-model="form.groups" maxlength="500"></div>
        </div>
        <button class="primary" :disabled="busy">{{ t('admin.create') }}</button>
      </form>
      <form v-if="resetFor" class="card inline" @submit.prevent="reset">
        <label for="reset-pw">{{ t('admin.newPassword', { name: resetFor }) }}</label>
        <input id="reset-pw" type="password" v-model="resetPassword" maxlength="200" autocomplete="new-password">
        <button class="primary">{{ t('admin.reset') }}</button>
        <button type="button" @click="resetFor = ''">{{ t('common.cancel') }}</button>
      </form>
      <div class="table-wrap" tabindex="0" role="region" :aria-label="t('admin.users')"><table>
        <thead><tr><th scope="col">{{ t('admin.username') }}</th><th scope="col">{{ t('admin.displayName') }}</th>
          <th scope="col">{{ t('admin.roles') }}</th><th scope="col">{{ t('admin.groups') }}</th>
          <th scope="col">{{ t('admin.enabled') }}</th><th scope="col">{{ t('admin.actions') }}</th></tr></thead>
        <tbody><tr v-for="u in users" :key="u.username" :data-user="u.username">
          <td>{{ u.username }}</td><td>{{ u.displayName }}</td>
          <td>{{ u.roles.map(r => t('admin.role.' + r)).join(', ') }}</td><td>{{ u.groups.join(', ') }}</td>
          <td>{{ u.enabled ? t('common.yes') : t('common.no') }}</td>
          <td class="actions">
            <button v-if="u.enabled && u.username !== store.me.username" @click="setEnabled(u, false)">{{ t('admin.disable') }}</button>
            <button v-if="!u.enabled" @click="setEnabled(u, true)">{{ t('admin.enable') }}</button>
            <button v-if="u.username !== store.me.username" @click="resetFor = u.username">{{ t('admin.resetPassword') }}</button>
          </td></tr></tbody>
      </table></div>
    </template>
    <template v-else-if="store.route.tab === 'groups'">
      <ul class="cards"><li v-for="g in groups" :key="g.name" class="card"><h2>{{ g.name }}</h2>
        <p>{{ g.members.map(m => m.displayName ? m.displayName + ' (' + m.username + ')' : m.username).join(', ') || t('common.none') }}</p></li></ul>
    </template>
    <TaskListImport v-else-if="store.route.tab === 'import'"/>
    <template v-else-if="store.route.tab === 'modules'">
      <ul class="cards"><li v-for="m in modules" :key="m.key" class="card module">
        <h2>{{ moduleName(m) }}</h2>
        <p><span class="badge" :class="m.enabled ? 'on' : 'off'">{{ m.enabled ? t('admin.module.on') : t('admin.module.off') }}</span></p>
        <button @click="switchModule(m)" :aria-label="t('admin.module.switch', { name: moduleName(m) })">
          {{ m.enabled ? t('admin.module.off') : t('admin.module.on') }}</button></li></ul>
    </template>
    <template v-else>
      <p v-if="members === null" class="muted" data-slot="workspace-members">{{ t('admin.membersSoon') }}</p>
      <template v-else>
        <form class="card inline" @submit.prevent="addMember">
          <label for="member-new" class="sr-only">{{ t('admin.username') }}</label>
          <input id="member-new" v-model="newMember" maxlength="100" :placeholder="t('admin.username')">
          <label for="member-role" class="sr-only">{{ t('admin.members.role') }}</label>
          <select id="member-role" v-model="newMemberRole"><option v-for="r in ['member','pm','admin']" :key="r" :value="r">{{ t('admin.role.' + r) }}</option></select>
          <button class="primary" :disabled="!newMember.trim()">{{ t('admin.members.add') }}</button>
        </form>
        <div class="table-wrap" tabindex="0" role="region" :aria-label="t('admin.members')"><table>
          <thead><tr><th scope="col">{{ t('admin.username') }}</th><th scope="col">{{ t('admin.members.role') }}</th>
            <th scope="col">{{ t('admin.actions') }}</th></tr></thead>
          <tbody><tr v-for="m in members" :key="m.username" :data-member="m.username">
            <td>{{ m.displayName ? m.displayName + ' (' + m.username + ')' : m.username }}</td>
            <td><label class="sr-only" :for="'mr-' + m.username">{{ t('admin.members.role') }}</label>
              <select :id="'mr-' + m.username" :value="(m.roles || [])[0] || 'member'" @change="setMemberRole(m, $event.target.value)">
                <option v-for="r in ['member','pm','admin']" :key="r" :value="r">{{ t('admin.role.' + r) }}</option></select></td>
            <td class="actions"><button v-if="m.username !== store.me.username" @click="removeMember(m)">{{ t('admin.members.remove') }}</button></td>
          </tr></tbody></table></div>
      </template>
    </template>
  </section>`,
}

// ---- notifications and my settings -----------------------------------------------------------------------
const NotificationsView = {
  components: { ErrorBox },
  inject: ['t', 'store'],
  data: () => ({ inbox: null, error: '', page: 0, busy: false }),
  created() { this.load() },
  watch: { 'store.lang'() { this.load() } },
  computed: { pages() { return this.inbox ? Math.max(1, Math.ceil(this.inbox.total / this.inbox.size)) : 1 } },
  methods: {
    async load() {
      this.error = ''
      try {
        // titles and texts in the language the page shows
        this.inbox = await api('/api/notifications?page=' + this.page + '&size=20&lang=' + encodeURIComponent(this.store.lang))
        this.store.unread = this.inbox.unread
      } catch (e) { this.error = describe(e, this.t) }
    },
    async read(n) {
      if (n.read) return
      try {
        await api('/api/notifications/' + encodeURIComponent(n.id) + '/read', { method: 'POST' })
        n.read = true
        this.store.unread = Math.max(0, (this.store.unread || 0) - 1)
      } catch (e) { this.error = describe(e, this.t) }
    },
    async readAll() {
      this.busy = true
      try {
        await api('/api/notifications/read-all', { method: 'POST' })
        await this.load()
      } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    go(page) { this.page = page; this.load() },
    link(n) { return n.projectId ? '#/projects/' + n.projectId : null },
    formatTime,
  },
  template: `<section>
    <div class="title-row"><h1>{{ t('notif.title') }}</h1>
      <span class="row-actions"><button v-if="inbox && inbox.unread" @click="readAll" :disabled="busy" data-action="read-all">{{ t('notif.readAll') }}</button>
        <a class="button" href="#/settings">{{ t('settings.title') }}</a></span></div>
    <ErrorBox :error="error"/>
    <p v-if="!inbox && !error">{{ t('common.loading') }}</p>
    <p v-else-if="inbox && !inbox.items.length" class="empty">{{ t('notif.empty') }}</p>
    <template v-else-if="inbox">
      <p class="muted">{{ t('notif.unread', { n: inbox.unread }) }}</p>
      <ul class="notifications">
        <li v-for="n in inbox.items" :key="n.id" class="card notification" :class="{unread: !n.read}" :data-notification="n.id">
          <p class="meta"><span v-if="!n.read" class="badge unread-badge">{{ t('notif.new') }}</span>
            <span class="muted">{{ formatTime(n.createdAt) }}</span></p>
          <h2 class="item-title"><a v-if="link(n)" :href="link(n)" @click="read(n)">{{ n.title }}</a><template v-else>{{ n.title }}</template></h2>
          <p v-if="n.text" class="text">{{ n.text }}</p>
          <button v-if="!n.read" class="small" @click="read(n)">{{ t('notif.markRead') }}</button>
        </li>
      </ul>
      <nav class="pager" v-if="pages > 1" :aria-label="t('common.page', { page: page + 1, pages })">
        <button :disabled="page === 0" @click="go(page - 1)">{{ t('common.previous') }}</button>
        <span>{{ t('common.page', { page: page + 1, pages }) }}</span>
        <button :disabled="page + 1 >= pages" @click="go(page + 1)">{{ t('common.next') }}</button>
      </nav>
    </template>
  </section>`,
}

const SettingsView = {
  components: { ErrorBox, PersonPicker },
  inject: ['t', 'store'],
  data: () => ({ settings: null, error: '', absence: null, away: { from: '', to: '', substitute: '' }, awayErrors: {},
    awayError: '', handover: null, busy: false, channels: ['inapp', 'email'], languages }),
  created() { this.load() },
  methods: {
    async load() {
      try { this.settings = await api('/api/me/notification-settings') } catch (e) { this.error = describe(e, this.t) }
      try {
        this.absence = await api('/api/me/absence')
        this.away = { from: (this.absence.from || '').substring(0, 10), to: (this.absence.to || '').substring(0, 10), substitute: this.absence.substitute || '' }
      } catch (e) { this.absence = null }
    },
    eventName(k) { const key = 'event.' + k; const x = this.t(key); return x === key ? k : x },
    toggle(event, channel, on) {
      const list = this.settings.events[event] || []
      this.settings.events[event] = on ? [...new Set([...list, channel])] : list.filter(c => c !== channel)
    },
    async save() {
      this.error = ''
      this.busy = true
      try {
        this.settings = await api('/api/me/notification-settings', { method: 'PUT', body: this.settings })
        this.store.flash = this.t('common.saved')
      } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
    async saveAway() {
      this.awayError = ''
      const e = {}
      if (!this.away.to) e.to = this.t('field.err.required')
      if (!this.away.substitute) e.substitute = this.t('field.err.required')
      this.awayErrors = e
      if (Object.keys(e).length) return
      this.busy = true
      try {
        this.absence = await api('/api/me/absence', { method: 'PUT', body: {
          from: this.away.from ? startOfDay(this.away.from) : null, to: endOfDay(this.away.to), substitute: this.away.substitute } })
        this.store.flash = this.t('away.saved')
      } catch (err) {
        this.awayError = describe(err, this.t)
        if (err instanceof ApiError) this.awayErrors = err.fieldErrors()
      } finally { this.busy = false }
    },
    async endAway() {
      try {
        await api('/api/me/absence', { method: 'DELETE' })
        this.absence = null
        this.away = { from: '', to: '', substitute: '' }
        this.store.flash = this.t('away.ended')
      } catch (err) { this.awayError = describe(err, this.t) }
    },
    async handOver() {
      try {
        this.handover = await api('/api/me/absence/handover', { method: 'POST' })
      } catch (err) { this.awayError = describe(err, this.t) }
    },
    formatDate,
  },
  template: `<section class="narrow">
    <h1>{{ t('settings.title') }}</h1>
    <ErrorBox :error="error"/>
    <form v-if="settings" class="card" @submit.prevent="save">
      <h2>{{ t('settings.notifications') }}</h2>
      <div class="field"><label for="set-lang">{{ t('settings.language') }}</label>
        <select id="set-lang" v-model="settings.language"><option v-for="l in languages" :key="l.code" :value="l.code">{{ l.name }}</option></select></div>
      <div class="table-wrap" tabindex="0" role="region" :aria-label="t('settings.channels')"><table class="channels">
        <thead><tr><th scope="col">{{ t('settings.event') }}</th><th v-for="c in channels" :key="c" scope="col">{{ t('channel.' + c) }}</th></tr></thead>
        <tbody><tr v-for="(list, ev) in settings.events" :key="ev" :data-event="ev"><th scope="row">{{ eventName(ev) }}</th>
          <td v-for="c in channels" :key="c"><input type="checkbox" :checked="list.includes(c)" @change="toggle(ev, c, $event.target.checked)"
            :aria-label="eventName(ev) + ' · ' + t('channel.' + c)"></td></tr></tbody>
      </table></div>
      <button class="primary" :disabled="busy">{{ t('common.save') }}</button>
    </form>
    <form class="card" @submit.prevent="saveAway" novalidate data-slot="absence">
      <h2>{{ t('away.title') }}</h2>
      <p class="muted">{{ absence ? t('away.current', { to: formatDate(absence.to), who: absence.substitute }) : t('away.hint') }}</p>
      <ErrorBox :error="awayError"/>
      <div class="grid2">
        <div class="field"><label for="away-from">{{ t('away.from') }}</label><input type="date" id="away-from" v-model="away.from"></div>
        <div class="field" :class="{invalid: awayErrors.to}"><label for="away-to">{{ t('away.to') }}<span class="req"> *</span></label>
          <input type="date" id="away-to" v-model="away.to">
          <p v-if="awayErrors.to" class="field-error" role="alert">{{ awayErrors.to }}</p></div>
      </div>
      <div class="field" :class="{invalid: awayErrors.substitute}"><span class="label">{{ t('away.substitute') }}<span class="req"> *</span></span>
        <PersonPicker v-model="away.substitute" id="away-substitute" :label="t('away.substitute')" :exclude="[store.me.username]"/>
        <p v-if="awayErrors.substitute" class="field-error" role="alert">{{ awayErrors.substitute }}</p></div>
      <button class="primary" :disabled="busy">{{ t('common.save') }}</button>
      <button v-if="absence" type="button" @click="handOver">{{ t('away.handover') }}</button>
      <button v-if="absence" type="button" @click="endAway">{{ t('away.end') }}</button>
      <p v-if="handover" role="status">{{ t('away.handedOver', { n: handover.moved.length, kept: handover.kept.length }) }}</p>
    </form>
  </section>`,
}

// ---- the frame: header, navigation, language, workspace, bell ---------------------------------------------
const App = {
  components: { InboxView, ProjectsView, StartView, ProjectView, AdminView, PasswordView, NotificationsView, SettingsView, ErrorBox, TemplatesView, DesignerView, DashboardView, ModuleView, RetrospectivesView, LibraryView },
  inject: ['t', 'store'],
  data: () => ({ languages, error: '' }),
  computed: {
    view() {
      if (!this.store.me) return null
      if (this.store.me.mustChangePassword) return 'PasswordView'
      return { inbox: 'InboxView', projects: 'ProjectsView', start: 'StartView', project: 'ProjectView', admin: 'AdminView',
        notifications: 'NotificationsView', settings: 'SettingsView', templates: 'TemplatesView', designer: 'DesignerView', dashboard: 'DashboardView', module: 'ModuleView', retrospectives: 'RetrospectivesView', library: 'LibraryView' }[this.store.route.name]
    },
    workspaces() { return (this.store.me && this.store.me.workspaces) || [] },
    workspaceKey() {
      return currentWorkspace() || (this.store.me && this.store.me.workspace && this.store.me.workspace.key) || ''
    },
  },
  watch: {
    'store.lang': {
      immediate: true,
      handler(lang) {
        document.documentElement.lang = lang
        document.title = this.t('app.name')
        localStorage.setItem('tollgate.lang', lang)
      },
    },
  },
  methods: {
    switchWorkspace(e) { setWorkspace(e.target.value); location.reload() },
    // set on the element itself: the form is sent before Vue would paint a new value
    signOut(e) { e.target.querySelector('input[name=_csrf]').value = cookie('XSRF-TOKEN') || '' },
    isManager,
    active(name) { return this.store.route.name === name || (name === 'projects' && ['start', 'project', 'module'].includes(this.store.route.name)) },
    isAdmin,
  },
  template: `
  <a class="skip" href="#main" @click.prevent="$refs.main.focus()">{{ t('app.skip') }}</a>
  <header class="top">
    <a class="brand" href="#/inbox">Tollgate</a>
    <nav class="main-nav" :aria-label="t('nav.main')" v-if="store.me && !store.me.mustChangePassword">
      <a href="#/inbox" :aria-current="active('inbox') ? 'page' : null">{{ t('nav.inbox') }}</a>
      <a href="#/projects" :aria-current="active('projects') ? 'page' : null">{{ t('nav.projects') }}</a>
      <a v-if="isManager()" href="#/dashboard" :aria-current="active('dashboard') ? 'page' : null">{{ t('nav.dashboard') }}</a>
      <a href="#/retrospectives" :aria-current="active('retrospectives') ? 'page' : null">{{ t('nav.retrospectives') }}</a>
      <a v-if="isAdmin()" href="#/templates" :aria-current="active('templates') || active('designer') ? 'page' : null">{{ t('nav.templates') }}</a>
      <a v-if="isAdmin()" href="#/library" :aria-current="active('library') ? 'page' : null">{{ t('nav.library') }}</a>
      <a v-if="isAdmin()" href="#/admin/users" :aria-current="active('admin') ? 'page' : null">{{ t('nav.admin') }}</a>
    </nav>
    <div class="tools">
      <label v-if="workspaces.length > 1" class="compact"><span class="sr-only">{{ t('nav.workspace') }}</span>
        <select :value="workspaceKey" @change="switchWorkspace" data-slot="workspace-switcher">
          <option v-for="w in workspaces" :key="w.key" :value="w.key">{{ w.name }}</option></select></label>
      <span v-else-if="store.me && store.me.workspace" class="muted workspace">{{ store.me.workspace.name }}</span>
      <a class="bell" href="#/notifications" data-slot="notifications" :aria-current="active('notifications') ? 'page' : null"
        :aria-label="store.unread ? t('nav.notificationsCount', { n: store.unread }) : t('nav.notifications')">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg><span v-if="store.unread" class="count" aria-hidden="true">{{ store.unread > 99 ? '99+' : store.unread }}</span></a>
      <a class="settings-link" href="#/settings" :aria-current="active('settings') ? 'page' : null">{{ t('settings.short') }}</a>
      <label class="compact"><span class="sr-only">{{ t('lang.label') }}</span>
        <select v-model="store.lang" id="lang-switch"><option v-for="l in languages" :key="l.code" :value="l.code">{{ l.name }}</option></select></label>
      <span v-if="store.me" class="me">{{ store.me.displayName || store.me.username }}</span>
      <form method="post" action="/logout" @submit="signOut" class="sign-out">
        <input type="hidden" name="_csrf" value=""><button type="submit">{{ t('nav.signOut') }}</button></form>
    </div>
  </header>
  <main id="main" ref="main" tabindex="-1">
    <p v-if="store.flash" class="notice" role="status">{{ store.flash }}</p>
    <ErrorBox :error="error"/>
    <p v-if="!store.me && !error">{{ t('common.loading') }}</p>
    <component v-if="view" :is="view" :key="store.route.name + (store.route.id || '')"/>
  </main>`,
}

// ---- start -------------------------------------------------------------------------------------------------
async function whoAmI() {
  try {
    const me = await api('/api/me', { quiet401: false })
    return { ...me, roles: me.roles || [] }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) throw e
  }
  // a server without /api/me: the page's own session endpoint
  const r = await fetch('/ui/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  if (r.status === 401) { location.assign('/login'); throw new ApiError(401, null) }
  if (!r.ok) throw new ApiError(r.status, null)
  return r.json()
}

async function loadPeople() {
  try {
    const people = await api('/api/people')
    return Array.isArray(people) ? people : (people.items || [])
  } catch (e) { /* not offered here: admins and managers fall back to the lists they may read */ }
  if (isAdmin()) {
    try { return (await api('/api/users')).filter(u => u.enabled).map(u => ({ username: u.username, displayName: u.displayName })) } catch (e) { /* none */ }
  }
  if (isManager()) {
    try {
      const seen = new Map()
      for (const g of await api('/api/groups')) for (const m of g.members) if (m.enabled) seen.set(m.username, m)
      return [...seen.values()].map(m => ({ username: m.username, displayName: m.displayName }))
    } catch (e) { /* none */ }
  }
  return []
}

async function loadNotifications() {
  try {
    const list = await api('/api/notifications?size=1')
    store.unread = typeof list.unread === 'number' ? list.unread : (list.items || []).filter(n => !n.read).length
  } catch (e) { store.unread = null }
}

const app = createApp(App)
app.component('CommentsPanel', CommentsPanel)
app.provide('t', t)
app.provide('store', store)
const root = app.mount('#app')
whoAmI().then(async me => {
  store.me = me
  if (me.mustChangePassword) return
  store.people = await loadPeople()
  loadNotifications()
}).catch(e => { root.error = describe(e, t) })
