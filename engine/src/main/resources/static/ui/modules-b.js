// The risk register and the releases of a project (each shown only while its module is on), and the
// import of an .xlsx task list as a draft template.
import { api, ApiError, cookie, currentWorkspace, describe } from './api.js'

const manager = store => !!store.me && (store.me.roles.includes('admin') || store.me.roles.includes('pm'))

/** Loads a module's list; null when the module is off (404), so its section stays hidden. */
async function optional(path) {
  try { return await api(path) } catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e }
}

export const RiskRegister = {
  props: ['projectId', 'active'],
  inject: ['t', 'store'],
  data: () => ({ risks: null, error: '', errors: {}, busy: false,
    form: { title: '', probability: 3, impact: 3, owner: '', mitigation: '', reviewOn: '' } }),
  created() { this.load() },
  computed: { mayEdit() { return this.active && manager(this.store) } },
  methods: {
    async load() {
      try { this.risks = await optional('/api/projects/' + encodeURIComponent(this.projectId) + '/risks') } catch (e) { this.error = describe(e, this.t) }
    },
    async add() {
      this.busy = true; this.error = ''; this.errors = {}
      const f = this.form
      try {
        await api('/api/projects/' + encodeURIComponent(this.projectId) + '/risks', { method: 'POST', body: {
          title: f.title, probability: Number(f.probability), impact: Number(f.impact), owner: f.owner || null,
          mitigation: f.mitigation || null, reviewOn: f.reviewOn || null } })
        this.form = { title: '', probability: 3, impact: 3, owner: '', mitigation: '', reviewOn: '' }
        await this.load()
      } catch (e) { this.error = describe(e, this.t); if (e.fieldErrors) this.errors = e.fieldErrors() }
      this.busy = false
    },
    async move(r, status) {
      try {
        await api('/api/projects/' + encodeURIComponent(this.projectId) + '/risks/' + r.id, { method: 'PATCH', body: { status } })
        await this.load()
      } catch (e) { this.error = describe(e, this.t) }
    },
  },
  template: `<section v-if="risks" class="module-section" data-module="risks" aria-labelledby="risks-title">
    <h2 id="risks-title">{{ t('risks.title') }}</h2>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="!risks.length" class="muted">{{ t('risks.none') }}</p>
    <div v-else class="table-wrap" tabindex="0" role="region" :aria-label="t('risks.title')"><table>
      <thead><tr><th scope="col">{{ t('risks.risk') }}</th><th scope="col">{{ t('risks.score') }}</th>
        <th scope="col">{{ t('risks.owner') }}</th><th scope="col">{{ t('risks.status') }}</th>
        <th scope="col">{{ t('risks.reviewOn') }}</th><th scope="col">{{ t('risks.actions') }}</th></tr></thead>
      <tbody><tr v-for="r in risks" :key="r.id" :data-risk="r.title">
        <td>{{ r.title }}<div v-if="r.mitigation" class="muted">{{ r.mitigation }}</div></td>
        <td><span class="badge" :class="'risk-' + r.level">{{ r.probability }} × {{ r.impact }} = {{ r.score }} · {{ t('risks.level.' + r.level) }}</span></td>
        <td>{{ r.owner || '—' }}</td><td>{{ t('risks.status.' + r.status) }}</td><td>{{ r.reviewOn || '—' }}</td>
        <td class="actions"><template v-if="mayEdit && r.status !== 'closed'">
          <button v-if="r.status === 'open'" @click="move(r, 'mitigated')" :aria-label="t('risks.mitigate', { name: r.title })">{{ t('risks.mitigateShort') }}</button>
          <button @click="move(r, 'closed')" :aria-label="t('risks.close', { name: r.title })">{{ t('risks.closeShort') }}</button></template></td>
      </tr></tbody></table></div>
    <form v-if="mayEdit" class="card module-form" @submit.prevent="add" novalidate>
      <div class="field"><label for="risk-title">{{ t('risks.risk') }}</label>
        <input id="risk-title" v-model="form.title" maxlength="300" required>
        <p v-if="errors.title" class="field-error" role="alert">{{ errors.title }}</p></div>
      <div class="field"><label for="risk-p">{{ t('risks.probability') }}</label>
        <select id="risk-p" v-model="form.probability"><option v-for="n in 5" :key="n" :value="n">{{ n }}</option></select></div>
      <div class="field"><label for="risk-i">{{ t('risks.impact') }}</label>
        <select id="risk-i" v-model="form.impact"><option v-for="n in 5" :key="n" :value="n">{{ n }}</option></select></div>
      <div class="field"><label for="risk-owner">{{ t('risks.owner') }}</label>
        <input id="risk-owner" v-model="form.owner" maxlength="100">
        <p v-if="errors.owner" class="field-error" role="alert">{{ errors.owner }}</p></div>
      <div class="field"><label for="risk-mitigation">{{ t('risks.mitigation') }}</label>
        <textarea id="risk-mitigation" v-model="form.mitigation" maxlength="4000" rows="2"></textarea></div>
      <div class="field"><label for="risk-review">{{ t('risks.reviewOn') }}</label>
        <input id="risk-review" type="date" v-model="form.reviewOn"></div>
      <button class="primary" :disabled="busy || !form.title.trim()">{{ t('risks.add') }}</button>
    </form>
  </section>`,
}

export const ReleaseList = {
  props: ['projectId', 'active', 'stages'],
  inject: ['t', 'store'],
  data: () => ({ releases: null, error: '', errors: {}, busy: false, form: { version: '', plannedOn: '', notes: '' } }),
  created() { this.load() },
  computed: { mayEdit() { return this.active && manager(this.store) } },
  methods: {
    async load() {
      try { this.releases = await optional('/api/projects/' + encodeURIComponent(this.projectId) + '/releases') } catch (e) { this.error = describe(e, this.t) }
    },
    async add() {
      this.busy = true; this.error = ''; this.errors = {}
      try {
        await api('/api/projects/' + encodeURIComponent(this.projectId) + '/releases', { method: 'POST', body: {
          version: this.form.version, plannedOn: this.form.plannedOn || null, notes: this.form.notes || null } })
        this.form = { version: '', plannedOn: '', notes: '' }
        await this.load()
      } catch (e) { this.error = describe(e, this.t); if (e.fieldErrors) this.errors = e.fieldErrors() }
      this.busy = false
    },
    /** stage:<key> and task:<key> by their names in the language. */
    linkName(link) {
      const [kind, key] = link.split(':')
      for (const s of this.stages || []) {
        if (kind === 'stage' && s.key === key) return s.name
        for (const x of s.tasks || []) if (kind === 'task' && x.key === key) return x.name
      }
      return key
    },
    async ready(r) {
      try {
        await api('/api/projects/' + encodeURIComponent(this.projectId) + '/releases/' + r.id, { method: 'PATCH', body: { ready: true } })
        await this.load()
      } catch (e) { this.error = describe(e, this.t) }
    },
  },
  template: `<section v-if="releases" class="module-section" data-module="releases" aria-labelledby="releases-title">
    <h2 id="releases-title">{{ t('releases.title') }}</h2>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="!releases.length" class="muted">{{ t('releases.none') }}</p>
    <ul v-else class="cards"><li v-for="r in releases" :key="r.id" class="card" :data-release="r.version">
      <h3>{{ r.version }} <span class="badge" :class="r.ready ? 'on' : 'off'">{{ r.ready ? t('releases.ready') : t('releases.notReady') }}</span></h3>
      <p v-if="r.plannedOn">{{ t('releases.plannedOn') }}: {{ r.plannedOn }}</p>
      <p v-if="r.links.length" class="muted">{{ t('releases.links') }}: {{ r.links.map(linkName).join(', ') }}</p>
      <p v-if="r.notes" class="notes">{{ r.notes }}</p>
      <button v-if="mayEdit && !r.ready" @click="ready(r)" :aria-label="t('releases.markReady', { name: r.version })">{{ t('releases.markReadyShort') }}</button>
    </li></ul>
    <form v-if="mayEdit" class="card module-form" @submit.prevent="add" novalidate>
      <div class="field"><label for="release-version">{{ t('releases.version') }}</label>
        <input id="release-version" v-model="form.version" maxlength="50" required>
        <p v-if="errors.version" class="field-error" role="alert">{{ errors.version }}</p></div>
      <div class="field"><label for="release-date">{{ t('releases.plannedOn') }}</label>
        <input id="release-date" type="date" v-model="form.plannedOn"></div>
      <div class="field"><label for="release-notes">{{ t('releases.notes') }}</label>
        <textarea id="release-notes" v-model="form.notes" maxlength="10000" rows="3"></textarea></div>
      <button class="primary" :disabled="busy || !form.version.trim()">{{ t('releases.add') }}</button>
    </form>
  </section>`,
}

/** Both module sections of a project page. */
export const ModulesPanels = {
  props: ['project'],
  components: { RiskRegister, ReleaseList },
  template: `<div class="modules-panels">
    <RiskRegister :project-id="project.id" :active="project.status === 'active'"/>
    <ReleaseList :project-id="project.id" :active="project.status === 'active'" :stages="project.stages"/>
  </div>`,
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const TaskListImport = {
  inject: ['t', 'store'],
  data: () => ({ key: '', name: '', file: null, rows: [], draft: null, error: '', message: '', busy: false }),
  methods: {
    pick(e) { this.file = e.target.files[0] || null },
    async read() {
      this.busy = true; this.error = ''; this.message = ''; this.rows = []; this.draft = null
      const headers = { 'Content-Type': XLSX, Accept: 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }
      if (currentWorkspace()) headers['X-Tollgate-Workspace'] = currentWorkspace()
      try {
        const query = '?key=' + encodeURIComponent(this.key.trim()) + '&name=' + encodeURIComponent(this.name.trim())
        const response = await fetch('/api/template-imports' + query, { method: 'POST', headers, body: this.file, credentials: 'same-origin' })
        const body = await response.json().catch(() => null)
        if (response.ok) this.draft = body
        else {
          this.rows = (body && body.rows) || []
          this.error = this.rows.length ? this.t('import.rowsInvalid', { n: this.rows.length }) : describe(new ApiError(response.status, body), this.t)
        }
      } catch (e) { this.error = describe(e, this.t) }
      this.busy = false
    },
    async save() {
      this.error = ''
      try {
        const answer = await fetch('/api/templates/' + encodeURIComponent(this.key.trim()), { method: 'PUT', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/yaml', Accept: 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '',
            ...(currentWorkspace() ? { 'X-Tollgate-Workspace': currentWorkspace() } : {}) }, body: this.draft.yaml })
        const body = await answer.json().catch(() => null)
        if (!answer.ok) throw new ApiError(answer.status, body)
        this.message = body.valid ? this.t('import.saved') : this.t('import.invalid', { n: body.errors.length })
      } catch (e) { this.error = describe(e, this.t) }
    },
  },
  template: `<section class="module-section" data-slot="task-list-import" aria-labelledby="import-title">
    <h2 id="import-title">{{ t('import.title') }}</h2>
    <p class="muted">{{ t('import.intro') }}</p>
    <form class="card module-form" @submit.prevent="read" novalidate>
      <div class="field"><label for="import-file">{{ t('import.file') }}</label>
        <input id="import-file" type="file" accept=".xlsx" @change="pick"></div>
      <div class="field"><label for="import-key">{{ t('import.key') }}</label>
        <input id="import-key" v-model="key" maxlength="63" pattern="[a-z0-9][a-z0-9-]{1,62}"></div>
      <div class="field"><label for="import-name">{{ t('import.name') }}</label>
        <input id="import-name" v-model="name" maxlength="300"></div>
      <button class="primary" :disabled="busy || !file || !key.trim()">{{ t('import.submit') }}</button>
    </form>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <p v-if="message" class="notice" role="status">{{ message }}</p>
    <template v-if="rows.length">
      <h3>{{ t('import.rowsTitle') }}</h3>
      <div class="table-wrap" tabindex="0" role="region" :aria-label="t('import.rowsTitle')"><table>
        <thead><tr><th scope="col">{{ t('import.row') }}</th><th scope="col">{{ t('import.column') }}</th><th scope="col">{{ t('import.problem') }}</th></tr></thead>
        <tbody><tr v-for="r in rows" :key="r.row + r.column"><td>{{ r.row }}</td><td>{{ r.column }}</td><td>{{ r.code ? t('import.code.' + r.code, { value: r.value }) : r.message }}</td></tr></tbody>
      </table></div>
    </template>
    <template v-if="draft">
      <p>{{ t('import.draft', draft) }}</p>
      <label for="import-yaml">{{ t('import.yaml') }}</label>
      <textarea id="import-yaml" class="yaml" v-model="draft.yaml" rows="16" spellcheck="false"></textarea>
      <button class="primary" @click="save">{{ t('import.save') }}</button>
    </template>
  </section>`,
}
