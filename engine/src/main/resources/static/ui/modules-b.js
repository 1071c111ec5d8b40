// The risk register and the releases of a project, each shown only while its module is on.
import { api, ApiError, describe } from './api.js'

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
