// The sign-in page: a plain form posted to /login with the CSRF token from the XSRF-TOKEN cookie.
import { initialLanguage, languages, translate } from './i18n.js'
import { cookie } from './api.js'

let lang = initialLanguage()
// a new sign-in starts in the person's home workspace
sessionStorage.removeItem('tollgate.workspace')
const $ = id => document.getElementById(id)

function paint() {
  const t = (k) => translate(lang, k)
  document.documentElement.lang = lang
  document.title = t('login.title')
  $('lang-label').textContent = t('lang.label')
  $('title').textContent = t('login.title')
  $('username-label').textContent = t('login.username')
  $('password-label').textContent = t('login.password')
  $('submit').textContent = t('login.submit')
  const params = new URLSearchParams(location.search)
  const error = params.get('error')
  $('error').hidden = !error
  if (error) $('error').textContent = t(error === 'throttled' ? 'login.error.throttled' : 'login.error.credentials')
  const message = params.has('signedOut') ? 'login.signedOut' : params.has('changed') ? 'login.changed' : null
  $('message').hidden = !message
  if (message) $('message').textContent = t(message)
}

const select = $('lang')
for (const l of languages) {
  const option = document.createElement('option')
  option.value = l.code
  option.textContent = l.name
  select.appendChild(option)
}
select.value = lang
select.addEventListener('change', () => {
  lang = select.value
  localStorage.setItem('tollgate.lang', lang)
  paint()
})
$('form').addEventListener('submit', () => { $('csrf').value = cookie('XSRF-TOKEN') || '' })
paint()
