// A page waiting for a job (data-check-again names where to look) looks again every few seconds.
const waiting = document.querySelector('[data-check-again]')
if (waiting) setTimeout(() => window.location.assign(waiting.getAttribute('data-check-again')), 3000)
