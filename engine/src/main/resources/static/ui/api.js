// Calls to the REST API with the session cookie: the CSRF token goes along on every change, the chosen
// workspace in X-Tollgate-Workspace, and a failure becomes an ApiError with the problem's parts.
export function cookie(name) {
  const prefix = name + '='
  for (const part of document.cookie.split(';')) {
    const c = part.trim()
    if (c.startsWith(prefix)) return decodeURIComponent(c.substring(prefix.length))
  }
  return null
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status))
    this.status = status
    this.problem = problem || {}
    this.type = (this.problem.type || '').split('/').pop()
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : []
    this.unmet = Array.isArray(this.problem.unmet) ? this.problem.unmet : []
  }

  /** Server errors keyed by field path ("fields.budget" and "budget" both find "budget"). */
  fieldErrors() {
    const out = {}
    for (const e of this.errors) {
      if (!e || typeof e.path !== 'string') continue
      const key = e.path.replace(/^\$\.?/, '').replace(/^fields\./, '').replace(/^fields\[['"]?([^'"\]]+)['"]?\]$/, '$1')
      out[key] = String(e.message || '')
      out[e.path] = String(e.message || '')
    }
    return out
  }
}

let workspace = sessionStorage.getItem('tollgate.workspace')
export function setWorkspace(key) {
  workspace = key
  if (key) sessionStorage.setItem('tollgate.workspace', key)
  else sessionStorage.removeItem('tollgate.workspace')
}
export function currentWorkspace() { return workspace }

export async function api(path, options = {}) {
  const method = options.method || 'GET'
  const headers = { Accept: 'application/json', ...(options.headers || {}) }
  if (workspace) headers['X-Tollgate-Workspace'] = workspace
  let body
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN') || ''
  let response
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', redirect: 'manual' })
  } catch (e) {
    throw new ApiError(0, { type: 'network' })
  }
  if (response.status === 401 || response.type === 'opaqueredirect') {
    if (!options.quiet401) location.assign('/login')
    throw new ApiError(401, { type: 'session' })
  }
  if (response.status === 204) return null
  const type = response.headers.get('Content-Type') || ''
  if (!response.ok) {
    let problem = null
    if (type.includes('json')) {
      try { problem = await response.json() } catch (e) { problem = null }
    }
    throw new ApiError(response.status, problem)
  }
  if (options.text) return response.text()
  return type.includes('json') ? response.json() : response.text()
}

/** A message for people: the server's explanation where it gave one, else one by status, in the language. */
export function describe(error, t) {
  if (!(error instanceof ApiError)) return t('error.title')
  if (error.status === 0) return t('error.network')
  if (error.status === 401) return t('error.session')
  if (error.type === 'csrf-token-invalid') return t('error.csrf')
  if (error.status >= 500) return t('error.server', { status: error.status })
  const detail = error.problem.detail || error.problem.title
  if (detail) return String(detail)
  if (error.status === 403) return t('error.forbidden')
  if (error.status === 404) return t('error.notFound')
  return t('error.title')
}
