// Forms generated from field definitions ({key, type, name, names, required, min, max, minLength, maxLength,
// pattern, options, currency, value, file}): the right input for each of the 15 field types (an attachment
// field uploads its file at once and holds its id, see attachments.js), the rules checked as
// people type, and the server's errors shown on the field they concern.
import { localName } from './i18n.js'
import { AttachmentInput } from './attachments.js'

const TEXTUAL = ['text', 'textarea', 'url', 'email']
const NUMERIC = ['number', 'money', 'percent']

function empty(value) {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

/** The first rule the value breaks, as a message, or null. */
export function check(field, value, t) {
  if (empty(value)) return field.required ? t('field.err.required') : null
  if (TEXTUAL.includes(field.type)) {
    const s = String(value)
    if (field.minLength != null && s.length < field.minLength) return t('field.err.minLength', { n: field.minLength })
    if (field.maxLength != null && s.length > field.maxLength) return t('field.err.maxLength', { n: field.maxLength })
    if (field.type === 'url' && !/^https?:\/\/[^\s]+$/i.test(s)) return t('field.err.url')
    if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return t('field.err.email')
    if (field.pattern) {
      try {
        if (!new RegExp('^(?:' + field.pattern + ')$').test(s)) return t('field.err.pattern')
      } catch (e) { /* a pattern the browser cannot read: the server checks it */ }
    }
  }
  if (NUMERIC.includes(field.type)) {
    const n = Number(value)
    if (!Number.isFinite(n)) return t('field.err.number')
    if (field.min != null && n < Number(field.min)) return t('field.err.min', { min: field.min })
    if (field.max != null && n > Number(field.max)) return t('field.err.max', { max: field.max })
  }
  return null
}

/** The value as the API takes it: numbers as numbers, date-times with the browser's offset, lists as lists. */
export function toApi(field, value) {
  if (empty(value)) return null
  if (NUMERIC.includes(field.type)) return Number(value)
  if (field.type === 'datetime') {
    const d = new Date(value)
    if (isNaN(d)) return value
    const offset = -d.getTimezoneOffset()
    const sign = offset >= 0 ? '+' : '-'
    const pad = n => String(Math.floor(Math.abs(n))).padStart(2, '0')
    return value.length === 16 ? value + ':00' + sign + pad(offset / 60) + ':' + pad(offset % 60) : value
  }
  if (field.type === 'boolean') return value === true || value === 'true'
  return value
}

/** A stored value as the input shows it. */
export function fromApi(field, value) {
  if (value === undefined || value === null) {
    return field.type === 'multiselect' || field.type === 'users' ? [] : field.type === 'boolean' ? false : ''
  }
  if (field.type === 'datetime' && typeof value === 'string') return value.substring(0, 16)
  return value
}

export const FieldInput = {
  components: { AttachmentInput },
  props: ['field', 'modelValue', 'error', 'people', 'idPrefix', 'files'],
  emits: ['update:modelValue'],
  inject: ['t', 'store'],
  computed: {
    id() { return (this.idPrefix || 'f') + '-' + this.field.key },
    label() { return localName(this.store.lang, this.field) },
    errorId() { return this.id + '-error' },
    options() {
      return (this.field.options || []).map(o => typeof o === 'string' ? { value: o, label: o }
        : { value: o.value, label: localName(this.store.lang, o, o.value) })
    },
    value: {
      get() { return this.modelValue },
      set(v) { this.$emit('update:modelValue', v) },
    },
    peopleList() { return this.people || [] },
    inputType() {
      return { text: 'text', url: 'url', email: 'email', attachment: 'text', number: 'number', money: 'number',
        percent: 'number', date: 'date', datetime: 'datetime-local' }[this.field.type] || 'text'
    },
    step() { return this.field.type === 'money' ? '0.01' : 'any' },
    suffix() {
      if (this.field.type === 'money') return this.field.currency || ''
      if (this.field.type === 'percent') return '%'
      return ''
    },
  },
  methods: {
    toggle(list, v) {
      const next = Array.isArray(list) ? [...list] : []
      const i = next.indexOf(v)
      if (i >= 0) next.splice(i, 1); else next.push(v)
      this.value = next
    },
  },
  template: `
  <div class="field" :class="{invalid: error}" :data-field="field.key">
    <template v-if="field.type === 'boolean'">
      <label class="check"><input type="checkbox" :id="id" v-model="value" :aria-describedby="error ? errorId : null">
        {{ label }}</label>
    </template>
    <fieldset v-else-if="field.type === 'multiselect'" :aria-describedby="error ? errorId : null">
      <legend>{{ label }}<span v-if="field.required" class="req"> *</span></legend>
      <label v-for="o in options" :key="o.value" class="check">
        <input type="checkbox" :checked="(value || []).includes(o.value)" @change="toggle(value, o.value)"> {{ o.label }}
      </label>
    </fieldset>
    <template v-else>
      <label :for="id">{{ label }}<span v-if="field.required" class="req"> *</span>
        <span v-if="suffix" class="muted"> ({{ suffix }})</span></label>
      <textarea v-if="field.type === 'textarea'" :id="id" v-model="value" rows="4"
        :maxlength="field.maxLength || 20000" :aria-invalid="!!error" :aria-describedby="error ? errorId : null"></textarea>
      <select v-else-if="field.type === 'select'" :id="id" v-model="value" :aria-invalid="!!error"
        :aria-describedby="error ? errorId : null">
        <option value="">{{ t('field.choose') }}</option>
        <option v-for="o in options" :key="o.value" :value="o.value">{{ o.label }}</option>
      </select>
      <select v-else-if="field.type === 'user' && peopleList.length" :id="id" v-model="value" :aria-invalid="!!error"
        :aria-describedby="error ? errorId : null">
        <option value="">{{ t('field.choose') }}</option>
        <option v-for="p in peopleList" :key="p.username" :value="p.username">{{ p.displayName || p.username }} ({{ p.username }})</option>
      </select>
      <select v-else-if="field.type === 'users' && peopleList.length" :id="id" v-model="value" multiple size="4"
        :aria-invalid="!!error" :aria-describedby="error ? errorId : null">
        <option v-for="p in peopleList" :key="p.username" :value="p.username">{{ p.displayName || p.username }} ({{ p.username }})</option>
      </select>
      <AttachmentInput v-else-if="field.type === 'attachment'" :field="field" v-model="value" :files="files"
        :input-id="id" :invalid="error" :described-by="error ? errorId : null"/>
      <input v-else-if="field.type === 'users'" :id="id" :value="(value || []).join(', ')"
        @input="value = $event.target.value.split(',').map(s => s.trim()).filter(Boolean)"
        :placeholder="t('field.users.hint')" :aria-invalid="!!error" :aria-describedby="error ? errorId : null">
      <input v-else :id="id" :type="inputType" v-model="value" :step="inputType === 'number' ? step : null"
        :min="field.min" :max="field.max" :maxlength="field.maxLength || (['url','email','attachment'].includes(field.type) ? 2000 : null)"
        :placeholder="field.type === 'attachment' ? t('field.attachment.hint') : null"
        :aria-invalid="!!error" :aria-describedby="error ? errorId : null">
    </template>
    <p v-if="error" :id="errorId" class="field-error" role="alert">{{ error }}</p>
  </div>`,
}

/** A form of several fields: v-model on an object of values, errors by key. */
export const FieldForm = {
  components: { FieldInput },
  props: ['fields', 'values', 'errors', 'people', 'idPrefix', 'files'],
  template: `
  <div class="field-form">
    <FieldInput v-for="f in fields" :key="f.key" :field="f" v-model="values[f.key]" :error="errors[f.key]"
      :people="people" :id-prefix="idPrefix" :files="files"/>
  </div>`,
}

/** Checks every field; fills errors; answers whether all hold. */
export function validateAll(fields, values, errors, t) {
  let ok = true
  for (const f of fields) {
    const message = check(f, values[f.key], t)
    if (message) { errors[f.key] = message; ok = false } else delete errors[f.key]
  }
  return ok
}

export function collect(fields, values) {
  const out = {}
  for (const f of fields) {
    const v = toApi(f, values[f.key])
    if (v !== null) out[f.key] = v
  }
  return out
}
