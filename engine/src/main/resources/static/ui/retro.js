// Retrospectives: the section of a completed project's page where its manager records what went well, what
// to improve and a note per stage (others read it), and the knowledge page (#/retrospectives) searching them.
import { api, ApiError, describe } from './api.js'
import { localName } from './i18n.js'

const MAX_TEXT = 4000
const MAX_NOTE = 2000

function when(lang, value) {
  if (!value) return ''
  const d = new Date(value)
  return isNaN(d) ? String(value) : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

/** The retrospective section of a completed project's page. */
export const RetrospectivePanel = {
  props: ['projectId'],
  emits: ['saved'],
  inject: ['t', 'store'],
  data: () => ({ retro: null, form: null, errors: {}, error: '', busy: false, editing: false }),
  created() { this.load() },
  computed: {
    notes() { return this.retro ? this.retro.stages.filter(s => s.note) : [] },
  },
  methods: {
    stageName(s) { return localName(this.store.lang, s, s.key) },
    when(v) { return when(this.store.lang, v) },
    async load() {
      this.error = ''
      try {
        this.retro = await api('/api/projects/' + encodeURIComponent(this.projectId) + '/retrospective')
        this.editing = this.retro.editable && !this.retro.recorded
        this.reset()
      } catch (e) { this.error = describe(e, this.t) }
    },
    reset() {
      const notes = {}
      for (const s of this.retro.stages) notes[s.key] = s.note || ''
      this.form = { wentWell: this.retro.wentWell || '', toImprove: this.retro.toImprove || '', notes }
      this.errors = {}
    },
    async save() {
      this.error = ''
      this.errors = {}
      const f = this.form
      if (!f.wentWell.trim() && !f.toImprove.trim() && !Object.values(f.notes).some(n => n.trim())) {
        this.errors.wentWell = this.t('retro.err.empty')
        return
      }
      this.busy = true
      try {
        this.retro = await api('/api/projects/' + encodeURIComponent(this.projectId) + '/retrospective', {
          method: 'PUT', body: { wentWell: f.wentWell, toImprove: f.toImprove, stageNotes: f.notes } })
        this.editing = false
        this.reset()
        this.store.flash = this.t('retro.saved')
        this.$emit('saved')
      } catch (e) {
        this.error = describe(e, this.t)
        if (e instanceof ApiError) this.errors = e.fieldErrors()
      } finally { this.busy = false }
    },
  },
  template: `<section class="retro card" data-slot="retrospective" :aria-label="t('retro.title')">
    <div class="error" role="alert" v-if="error"><p>{{ error }}</p></div>
    <template v-if="retro">
      <form v-if="editing" class="retro-form" @submit.prevent="save" novalidate>
        <p class="muted">{{ t('retro.intro') }}</p>
        <div class="field" :class="{invalid: errors.wentWell}"><label for="retro-well">{{ t('retro.wentWell') }}</label>
          <textarea id="retro-well" v-model="form.wentWell" rows="4" maxlength="${MAX_TEXT}"
            :aria-describedby="errors.wentWell ? 'retro-well-error' : null"></textarea>
          <p v-if="errors.wentWell" id="retro-well-error" class="field-error" role="alert">{{ errors.wentWell }}</p></div>
        <div class="field" :class="{invalid: errors.toImprove}"><label for="retro-improve">{{ t('retro.toImprove') }}</label>
          <textarea id="retro-improve" v-model="form.toImprove" rows="4" maxlength="${MAX_TEXT}"
            :aria-describedby="errors.toImprove ? 'retro-improve-error' : null"></textarea>
          <p v-if="errors.toImprove" id="retro-improve-error" class="field-error" role="alert">{{ errors.toImprove }}</p></div>
        <fieldset class="retro-stages"><legend>{{ t('retro.stageNotes') }}</legend>
          <div v-for="s in retro.stages" :key="s.key" class="field" :class="{invalid: errors['stageNotes.' + s.key]}">
            <label :for="'retro-stage-' + s.key">{{ stageName(s) }}</label>
            <textarea :id="'retro-stage-' + s.key" :data-stage-note="s.key" v-model="form.notes[s.key]" rows="2" maxlength="${MAX_NOTE}"></textarea>
            <p v-if="errors['stageNotes.' + s.key]" class="field-error" role="alert">{{ errors['stageNotes.' + s.key] }}</p></div>
        </fieldset>
        <button class="primary retro-save" :disabled="busy">{{ t('retro.save') }}</button>
        <button v-if="retro.recorded" type="button" @click="editing = false; reset()">{{ t('common.cancel') }}</button>
      </form>
      <template v-else-if="retro.recorded">
        <h3>{{ t('retro.wentWell') }}</h3><p class="retro-text">{{ retro.wentWell || '—' }}</p>
        <h3>{{ t('retro.toImprove') }}</h3><p class="retro-text">{{ retro.toImprove || '—' }}</p>
        <template v-if="notes.length"><h3>{{ t('retro.stageNotes') }}</h3>
          <dl class="retro-notes"><div v-for="s in notes" :key="s.key"><dt>{{ stageName(s) }}</dt><dd class="retro-text">{{ s.note }}</dd></div></dl></template>
        <p class="muted">{{ t('retro.by', { who: retro.updatedBy, when: when(retro.updatedAt) }) }}</p>
        <button v-if="retro.editable" class="retro-edit" @click="editing = true">{{ t('retro.edit') }}</button>
      </template>
      <p v-else class="muted">{{ t('retro.none') }}</p>
    </template>
  </section>`,
}

/** The knowledge page: every retrospective of the workspace one may see, searched. */
export const RetrospectivesView = {
  inject: ['t', 'store'],
  data: () => ({ q: '', template: '', templates: [], result: null, page: 0, size: 10, error: '', busy: false }),
  created() {
    this.q = (this.store.route.params && this.store.route.params.q) || ''
    api('/api/templates').then(list => { this.templates = Array.isArray(list) ? list : [] }).catch(() => { this.templates = [] })
    this.search(0)
  },
  computed: {
    pages() { return this.result ? Math.max(1, Math.ceil(this.result.total / this.size)) : 1 },
  },
  methods: {
    when(v) { return when(this.store.lang, v) },
    stageName(s) { return localName(this.store.lang, s, s.key) },
    templateName(key) {
      const tpl = this.templates.find(x => x.key === key)
      return tpl ? localName(this.store.lang, tpl, key) : key
    },
    async search(page) {
      this.error = ''
      this.busy = true
      const params = new URLSearchParams({ page: String(page), size: String(this.size) })
      if (this.q.trim()) params.set('q', this.q.trim())
      if (this.template) params.set('template', this.template)
      try {
        this.result = await api('/api/retrospectives?' + params)
        this.page = page
      } catch (e) { this.error = describe(e, this.t) } finally { this.busy = false }
    },
  },
  template: `<section class="retro-page">
    <h1>{{ t('retro.pageTitle') }}</h1>
    <p class="muted">{{ t('retro.pageIntro') }}</p>
    <form class="retro-search card" role="search" @submit.prevent="search(0)">
      <div class="field"><label for="retro-q">{{ t('retro.search') }}</label>
        <input id="retro-q" type="search" v-model="q" maxlength="100" :placeholder="t('retro.searchHint')"></div>
      <div class="field" v-if="templates.length"><label for="retro-template">{{ t('retro.template') }}</label>
        <select id="retro-template" v-model="template"><option value="">{{ t('retro.allTemplates') }}</option>
          <option v-for="x in templates" :key="x.key" :value="x.key">{{ templateName(x.key) }}</option></select></div>
      <button class="primary" :disabled="busy">{{ t('retro.find') }}</button>
    </form>
    <div class="error" role="alert" v-if="error"><p>{{ error }}</p></div>
    <template v-if="result">
      <p class="muted" role="status">{{ t('retro.count', { n: result.total }) }}</p>
      <ul class="cards retro-results">
        <li v-for="r in result.items" :key="r.projectId" class="card retro-hit" :data-project="r.projectId">
          <h2><a :href="'#/projects/' + encodeURIComponent(r.projectId)">{{ r.projectName }}</a></h2>
          <p class="muted">{{ templateName(r.template) }} · {{ t('retro.by', { who: r.updatedBy, when: when(r.updatedAt) }) }}</p>
          <template v-if="r.wentWell"><h3>{{ t('retro.wentWell') }}</h3><p class="retro-text">{{ r.wentWell }}</p></template>
          <template v-if="r.toImprove"><h3>{{ t('retro.toImprove') }}</h3><p class="retro-text">{{ r.toImprove }}</p></template>
          <h3 v-if="r.stages.length">{{ t('retro.stageNotes') }}</h3>
          <dl v-if="r.stages.length" class="retro-notes"><div v-for="s in r.stages" :key="s.key"><dt>{{ stageName(s) }}</dt>
            <dd class="retro-text">{{ s.note }}</dd></div></dl>
        </li>
      </ul>
      <p v-if="!result.items.length" class="muted">{{ t('retro.nothing') }}</p>
      <nav class="pager" v-if="pages > 1" :aria-label="t('common.page', { page: page + 1, pages })">
        <button :disabled="page === 0" @click="search(page - 1)">{{ t('common.previous') }}</button>
        <span>{{ t('common.page', { page: page + 1, pages }) }}</span>
        <button :disabled="page + 1 >= pages" @click="search(page + 1)">{{ t('common.next') }}</button>
      </nav>
    </template>
  </section>`,
}
