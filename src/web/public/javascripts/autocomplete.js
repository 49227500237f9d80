// Progressive enhancement: a select marked data-app-autocomplete becomes a type-ahead box (accessible-autocomplete).
// Without JavaScript, or if the library did not load, the select stays as it is.
const enhance = window.accessibleAutocomplete?.enhanceSelectElement

if (enhance) {
  for (const select of document.querySelectorAll('select[data-app-autocomplete]')) {
    const id = select.id
    const chosen = select.options[select.selectedIndex]
    enhance({
      selectElement: select,
      defaultValue: chosen?.value ? chosen.text : '',
      showAllValues: true,
      // No typed-ahead hint: its extra box has no label of its own.
      autoselect: false,
      placeholder: '',
      tNoResults: () => 'No authority of that name',
    })
    // A box emptied by the reader means no authority, whatever was chosen before.
    select.form?.addEventListener('submit', () => {
      const input = document.getElementById(id)
      if (input && input.value.trim() === '') select.value = ''
    })
  }
}
