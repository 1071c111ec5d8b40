// Task-list imports in two steps, read then confirm: a task list (.xlsx or .csv) as a draft template,
// and extra tasks imported into a running project by its manager.
import { api, ApiError, cookie, currentWorkspace, describe } from './api.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Sends the file as the request body; answers the preview or throws the server's problem. */
async function upload(path, file) {
  const headers = { 'Content-Type': /\.csv$/i.test(file.name) ? 'text/csv' : XLSX, Accept: 'application/json',
    'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }
  if (currentWorkspace()) headers['X-Tollgate-Workspace'] = currentWorkspace()
  let response
  try {
    response = await fetch(path, { method: 'POST', headers, body: file, credentials: 'same-origin' })
  } catch (e) { throw new ApiError(0, { type: 'network' }) }
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new ApiError(response.status, body)
  return body
}

/** The cells that cannot be imported, by row and column, each in words. */
const ImportProblems = {
  props: ['problems', 'title'],
  inject: ['t'],
  template: `<div class="import-problems">
    <h3>{{ title }}</h3>
    <div class="table-wrap" tabindex="0" role="region" :aria-label="title"><table>
      <thead><tr><th scope="col">{{ t('import.row') }}</th><th scope="col">{{ t('import.column') }}</th><th scope="col">{{ t('import.problem') }}</th></tr></thead>
      <tbody><tr v-for="(r, i) in problems" :key="i" :data-row="r.row" :data-column="r.column">
        <td>{{ r.row }}</td><td>{{ r.column }}</td>
        <td>{{ r.code && t('import.code.' + r.code, { value: r.value }) !== 'import.code.' + r.code ? t('import.code.' + r.code, { value: r.value }) : r.message }}</td></tr></tbody>
    </table></div></div>`,
}

export const TaskListImport = {
  inject: ['t', 'store'],
  components: { ImportProblems },
  data: () => ({ key: '', name: '', file: null, preview: null, saved: null, error: '', busy: false }),
  methods: {
    pick(e) { this.file = e.target.files[0] || null; this.preview = null; this.saved = null },
    async read() {
      this.busy = true; this.error = ''; this.preview = null; this.saved = null
      try {
        const query = '?key=' + encodeURIComponent(this.key.trim()) + '&name=' + encodeURIComponent(this.name.trim())
        this.preview = await upload('/api/template-imports/previews' + query, this.file)
      } catch (e) { this.error = describe(e, this.t) }
      this.busy = false
    },
    async confirm() {
      this.busy = true; this.error = ''
      try {
        this.saved = await api('/api/template-imports/previews/' + encodeURIComponent(this.preview.id) + '/confirm', { method: 'POST', body: {} })
        this.preview = null
      } catch (e) { this.error = describe(e, this.t) }
      this.busy = false
    },
  },
  template: `<section class="module-section task-import" data-slot="task-list-import" aria-labelledby="import-title">
    <h2 id="import-title">{{ t('import.title') }}</h2>
    <p class="muted">{{ t('taskImport.templateIntro') }}</p>
    <form class="card module-form" @submit.prevent="read" novalidate>
      <div class="field"><label for="import-file">{{ t('taskImport.file') }}</label>
        <input id="import-file" type="file" accept=".xlsx,.csv,text/csv" @change="pick"></div>
      <div class="field"><label for="import-key">{{ t('import.key') }}</label>
        <input id="import-key" v-model="key" maxlength="63" pattern="[a-z][a-z0-9-]{1,62}"></div>
      <div class="field"><label for="import-name">{{ t('import.name') }}</label>
        <input id="import-name" v-model="name" maxlength="300"></div>
      <button class="primary" :disabled="busy || !file || !key.trim()">{{ t('taskImport.preview') }}</button>
    </form>
    <p v-if="error" class="error" role="alert">{{ error }}</p>
    <div v-if="saved" class="notice" role="status" data-import="saved">
      {{ saved.valid ? t('import.saved') : t('import.invalid', { n: saved.errors.length }) }}
      <a :href="'#/templates/' + encodeURIComponent(saved.key)">{{ t('taskImport.openDesigner') }}</a></div>
    <template v-if="preview">
      <p class="import-summary" data-import="summary">{{ t('taskImport.wouldCreate', { stages: preview.stages.length, tasks: preview.tasks,
        roles: Object.keys(preview.roles).length, prerequisites: preview.prerequisites }) }}
        <span v-if="preview.charset" class="muted">· CSV {{ preview.charset }}</span></p>
      <ImportProblems v-if="preview.problems.length" :problems="preview.problems" :title="t('import.rowsTitle')"/>
      <p class="muted">{{ t('taskImport.roles') }}: {{ Object.values(preview.roles).join(', ') }}</p>
      <ol class="import-stages">
        <li v-for="s in preview.stages" :key="s.key" class="card"><h3>{{ s.name }}</h3>
          <ul><li v-for="task in s.tasks" :key="task.key">{{ task.name }}
            <span class="muted">· {{ task.assignee }}<template v-if="task.duration"> · {{ task.duration }}</template>
              <template v-if="task.requires.length"> · {{ t('taskImport.after', { tasks: task.requires.join(', ') }) }}</template></span></li></ul></li>
      </ol>
      <p v-if="!preview.confirmable" class="error">{{ t('taskImport.fixFirst') }}</p>
      <div class="import-actions">
        <button class="primary" data-import="confirm" :disabled="busy || !preview.confirmable" @click="confirm">{{ t('taskImport.confirmDraft') }}</button>
        <button type="button" @click="preview = null">{{ t('common.cancel') }}</button></div>
    </template>
  </section>`,
}

/** The project page's "Import tasks": for the project's manager, while the project runs. */
export const ProjectTaskImport = {
  props: ['project', 'stageName'],
  emits: ['imported'],
  inject: ['t', 'store'],
  components: { ImportProblems },
  data: () => ({ open: false, file: null, preview: null, done: null, error: '', busy: false }),
  computed: {
    mayImport() {
      const me = this.store.me
      if (!me || !this.project || this.project.status !== 'active') return false
      return me.roles.includes('admin') || me.roles.includes('pm') || this.project.createdBy === me.username
        || ((this.project.roles || {}).pm || []).includes(me.username)
    },
  },
  methods: {
    pick(e) { this.file = e.target.files[0] || null; this.preview = null; this.done = null },
    async read() {
      this.busy = true; this.error = ''; this.preview = null; this.done = null
      try { this.preview = await upload('/api/projects/' + encodeURIComponent(this.project.id) + '/task-imports', this.file) }
      catch (e) { this.error = describe(e, this.t) }
      this.busy = false
    },
    async confirm() {
      this.busy = true; this.error = ''
      try {
        this.done = await api('/api/projects/' + encodeURIComponent(this.project.id) + '/task-imports/'
          + encodeURIComponent(this.preview.id) + '/confirm', { method: 'POST', body: {} })
        this.preview = null
        this.$emit('imported')
      } catch (e) { this.error = describe(e, this.t) }
      this.busy = false
    },
    due(at) { return at ? new Date(at).toLocaleDateString(this.store.lang) : '—' },
  },
  template: `<section v-if="mayImport" class="task-import project-task-import" aria-labelledby="project-import-title">
    <div class="title-row"><h2 id="project-import-title">{{ t('taskImport.projectTitle') }}</h2>
      <button v-if="!open" data-import="open" @click="open = true">{{ t('taskImport.action') }}</button></div>
    <template v-if="open">
      <p class="muted">{{ t('taskImport.projectIntro') }}</p>
      <form class="card module-form" @submit.prevent="read" novalidate>
        <div class="field"><label for="project-import-file">{{ t('taskImport.file') }}</label>
          <input id="project-import-file" type="file" accept=".xlsx,.csv,text/csv" @change="pick"></div>
        <button class="primary" :disabled="busy || !file">{{ t('taskImport.preview') }}</button>
        <button type="button" @click="open = false; preview = null">{{ t('common.cancel') }}</button>
      </form>
      <p v-if="error" class="error" role="alert">{{ error }}</p>
      <p v-if="done" class="notice" role="status" data-import="created">{{ t('taskImport.created', { n: done.tasks.length }) }}</p>
      <template v-if="preview">
        <p class="import-summary" data-import="summary">{{ t('taskImport.wouldAdd', { tasks: preview.tasks.length, stages: preview.stages.length,
          people: preview.assignees.length, prerequisites: preview.prerequisites }) }}</p>
        <ImportProblems v-if="preview.problems.length" :problems="preview.problems" :title="t('import.rowsTitle')"/>
        <div v-if="preview.tasks.length" class="table-wrap" tabindex="0" role="region" :aria-label="t('taskImport.tasksTitle')"><table class="import-tasks">
          <thead><tr><th scope="col">{{ t('import.row') }}</th><th scope="col">{{ t('taskImport.stage') }}</th><th scope="col">{{ t('taskImport.task') }}</th>
            <th scope="col">{{ t('taskImport.assignee') }}</th><th scope="col">{{ t('taskImport.due') }}</th><th scope="col">{{ t('taskImport.waitsFor') }}</th></tr></thead>
          <tbody><tr v-for="task in preview.tasks" :key="task.row"><td>{{ task.row }}</td><td>{{ stageName ? stageName(task.stageKey) : task.stageName }}</td>
            <td>{{ task.name }}</td><td>{{ task.assignee }}</td>
            <td>{{ task.status === 'open' ? due(task.dueAt) : t('taskImport.whenItOpens') }}</td><td>{{ task.requires.join(', ') || '—' }}</td></tr></tbody>
        </table></div>
        <p v-if="!preview.confirmable" class="error">{{ t('taskImport.fixFirst') }}</p>
        <div class="import-actions">
          <button class="primary" data-import="confirm" :disabled="busy || !preview.confirmable" @click="confirm">{{ t('taskImport.confirmTasks', { n: preview.tasks.length }) }}</button>
          <button type="button" @click="preview = null">{{ t('common.cancel') }}</button></div>
      </template>
    </template>
  </section>`,
}
