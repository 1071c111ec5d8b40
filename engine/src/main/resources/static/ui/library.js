// The template library: the shipped templates as cards an admin installs into the workspace, or updates
// to the shipped text, after confirming in a dialog what the install will do.
import { api, describe } from './api.js'

const byLang = (lang, map, fallback) => (map && (map[lang] || map.en)) || fallback || ''

export const LibraryView = {
  inject: ['t', 'store'],
  data: () => ({ list: null, error: '', notice: '', busy: false, pending: null, dialogError: '' }),
  created() { this.load() },
  methods: {
    async load() {
      try { this.list = await api('/api/template-library') } catch (e) { this.error = describe(e, this.t) }
    },
    name(x) { return byLang(this.store.lang, x.names, x.key) },
    description(x) { return byLang(this.store.lang, x.descriptions, '') },
    moduleName(m) { return byLang(this.store.lang, m.names, m.key) },
    industry(x) {
      const key = 'library.industry.' + x.industry
      const text = this.t(key)
      return text === key ? x.industry : text
    },
    offModules(x) { return x.modules.filter(m => !m.enabled) },
    state(x) {
      if (x.upToDate) return 'upToDate'
      if (x.customized) return 'customized'
      if (x.updateAvailable) return 'update'
      return 'new'
    },
    action(x) {
      return { upToDate: null, customized: 'library.restore', update: 'library.update', new: 'library.install' }[this.state(x)]
    },
    ask(x) {
      this.pending = x
      this.dialogError = ''
      this.notice = ''
      this.$nextTick(() => { const d = this.$refs.confirm; if (d && !d.open) d.showModal() })
    },
    close() {
      const d = this.$refs.confirm
      if (d && d.open) d.close()
      this.pending = null
    },
    async install() {
      const x = this.pending
      this.busy = true
      this.dialogError = ''
      try {
        const done = await api('/api/template-library/' + encodeURIComponent(x.key) + '/install', { method: 'POST',
          body: { enableModules: this.offModules(x).length > 0, replaceDraft: !!x.draft } })
        this.close()
        this.notice = this.t(done.changed ? 'library.installed' : 'library.alreadyCurrent',
          { name: this.name(x), version: done.version })
        await this.load()
      } catch (e) { this.dialogError = describe(e, this.t) } finally { this.busy = false }
    },
  },
  template: `<section class="library">
    <h1>{{ t('library.title') }}</h1>
    <p class="muted">{{ t('library.intro') }}</p>
    <p v-if="notice" class="notice" role="status">{{ notice }}</p>
    <div v-if="error" class="error" role="alert">{{ error }}</div>
    <p v-if="!list && !error">{{ t('common.loading') }}</p>
    <ul v-if="list" class="cards library-cards">
      <li v-for="x in list" :key="x.key" class="card library-card" :data-template="x.key" :data-state="state(x)">
        <div class="item-head"><h2 class="item-title">{{ name(x) }}</h2>
          <span class="badge industry">{{ industry(x) }}</span></div>
        <p class="library-description">{{ description(x) }}</p>
        <dl class="library-facts">
          <dt>{{ t('library.stages') }}</dt><dd>{{ t('library.stageCount', { n: x.stages }) }}</dd>
          <dt>{{ t('library.modules') }}</dt>
          <dd><ul class="library-modules"><li v-for="m in x.modules" :key="m.key">{{ moduleName(m) }}
            <span class="badge" :class="m.enabled ? 'on' : 'off'">{{ m.enabled ? t('admin.module.on') : t('admin.module.off') }}</span></li></ul></dd>
          <dt>{{ t('library.status') }}</dt>
          <dd data-slot="library-status">
            <span class="badge" :class="'library-' + state(x)">{{ t('library.state.' + state(x)) }}</span>
            <span v-if="x.installedVersion" class="muted"> {{ t('library.installedVersion', { version: x.installedVersion }) }}</span>
            <span v-if="x.latestVersion && x.latestVersion !== x.installedVersion" class="muted"> {{ t('library.latestVersion', { version: x.latestVersion }) }}</span>
          </dd>
        </dl>
        <p v-if="x.draft" class="library-warning">{{ t('library.draftOpen') }}</p>
        <button v-if="action(x)" :class="state(x) === 'new' ? 'primary' : ''" @click="ask(x)"
          :aria-label="t(action(x) + 'Named', { name: name(x) })">{{ t(action(x)) }}</button>
      </li>
    </ul>
    <dialog ref="confirm" class="library-dialog" aria-labelledby="library-dialog-title" @close="pending = null" @cancel="pending = null">
      <template v-if="pending">
        <h2 id="library-dialog-title">{{ t(action(pending) + 'Named', { name: name(pending) }) }}</h2>
        <p>{{ t('library.confirm.publish', { version: (pending.latestVersion || 0) + 1 }) }}</p>
        <p v-if="offModules(pending).length">{{ t('library.confirm.modules', { modules: offModules(pending).map(moduleName).join(', ') }) }}</p>
        <p v-if="pending.draft">{{ t('library.confirm.draft') }}</p>
        <p v-if="pending.latestVersion">{{ t('library.confirm.running', { version: pending.latestVersion }) }}</p>
        <div v-if="dialogError" class="error" role="alert">{{ dialogError }}</div>
        <div class="inline dialog-buttons">
          <button class="primary" :disabled="busy" @click="install" data-slot="library-confirm">{{ t(action(pending)) }}</button>
          <button type="button" :disabled="busy" @click="close">{{ t('library.cancel') }}</button>
        </div>
      </template>
    </dialog>
  </section>`,
}
