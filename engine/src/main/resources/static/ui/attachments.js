// Attachment fields: a file picker that uploads at once (POST /api/attachments) and keeps the file's id as
// the field's value, then shows the file's name, kind and size with a download link and a remove button.
import { reactive } from '/webjars/vue/dist/vue.esm-browser.prod.js'
import { ApiError, cookie, currentWorkspace, describe } from './api.js'

/** Files uploaded on this page, by id: what a form shows for a value it has not saved yet. */
export const uploads = reactive({})

const ACCEPT = 'application/pdf,image/png,image/jpeg,image/gif,image/webp'

/** Uploads one file; answers the stored file ({id, filename, contentType, size, href}). */
export async function uploadFile(file) {
  const body = new FormData()
  body.append('file', file, file.name)
  const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }
  if (currentWorkspace()) headers['X-Tollgate-Workspace'] = currentWorkspace()
  let response
  try {
    response = await fetch('/api/attachments', { method: 'POST', headers, body, credentials: 'same-origin', redirect: 'manual' })
  } catch (e) {
    throw new ApiError(0, { type: 'network' })
  }
  let answer = null
  try { answer = await response.json() } catch (e) { answer = null }
  if (!response.ok) throw new ApiError(response.status, answer)
  uploads[answer.id] = answer
  return answer
}

/** A size people read: bytes, KB or MB. */
export function fileSize(bytes) {
  if (bytes == null) return ''
  if (bytes < 1024) return bytes + ' B'
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB'
  return (bytes / 1024 / 1024).toFixed(1) + ' MB'
}

/** The kind of file, short: PDF, PNG, JPEG. */
export function fileKind(type) {
  return type ? type.substring(type.indexOf('/') + 1).toUpperCase() : ''
}

/** What is known of the file an attachment value names: uploaded here, the project's, or the field's. */
export function describeFile(id, files, field) {
  if (!id || typeof id !== 'string') return null
  return uploads[id] || (files && files[id]) || (field && field.file && field.file.id === id ? field.file : null)
}

/** A stored attachment value, read-only: a download link with the file's kind and size. */
export const AttachmentLink = {
  props: ['value', 'files', 'field'],
  inject: ['t'],
  computed: { file() { return describeFile(this.value, this.files, this.field) } },
  methods: { fileSize, fileKind },
  template: `<span class="attachment-file">
    <template v-if="file"><a :href="file.href" download>{{ file.filename }}</a>
      <span class="muted"> {{ fileKind(file.contentType) }} · {{ fileSize(file.size) }}</span></template>
    <template v-else>{{ value || '—' }}</template></span>`,
}

/** The input of an attachment field: v-model is the attachment id. */
export const AttachmentInput = {
  components: { AttachmentLink },
  props: ['field', 'modelValue', 'files', 'inputId', 'describedBy', 'invalid'],
  emits: ['update:modelValue'],
  inject: ['t'],
  data: () => ({ busy: false, error: '' }),
  computed: { accept() { return ACCEPT } },
  methods: {
    async pick(e) {
      const file = e.target.files && e.target.files[0]
      if (!file) return
      this.busy = true
      this.error = ''
      try {
        const stored = await uploadFile(file)
        this.$emit('update:modelValue', stored.id)
      } catch (err) {
        this.error = describe(err, this.t)
      } finally {
        this.busy = false
        e.target.value = ''
      }
    },
    remove() { this.$emit('update:modelValue', '') },
  },
  template: `<div class="attachment-input">
    <p v-if="modelValue" class="attachment-current">
      <AttachmentLink :value="modelValue" :files="files" :field="field"/>
      <button type="button" class="small attachment-remove" @click="remove">{{ t('attachment.remove') }}</button></p>
    <label class="button file-pick" :class="{disabled: busy}"><input type="file" :id="inputId" :accept="accept" @change="pick"
      :disabled="busy" :aria-invalid="!!invalid" :aria-describedby="describedBy">
      <span aria-hidden="true">{{ modelValue ? t('attachment.replace') : t('attachment.choose') }}</span></label>
    <p class="muted small-print">{{ modelValue ? t('attachment.replaceHint') : t('attachment.hint') }}</p>
    <p v-if="busy" class="muted" role="status">{{ t('attachment.uploading') }}</p>
    <p v-if="error" class="field-error" role="alert">{{ error }}</p>
  </div>`,
}
