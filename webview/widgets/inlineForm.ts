/** Inline forms used instead of prompt() (which webviews do not support): labelled inputs with Save / Cancel. */
import { button, h } from '../dom';

export interface FormField {
  name: string;
  label: string;
  value?: string;
  multiline?: boolean;
  type?: 'text' | 'number';
}

/** Show a small form inside `host`; resolves with the values, or undefined when cancelled. */
export function inlineForm(host: HTMLElement, title: string, fields: FormField[], submitLabel = 'Save'): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    const inputs = fields.map((field) => {
      const input = field.multiline
        ? h('textarea', { value: field.value ?? '', rows: 6, 'aria-label': field.label, dataset: { input: field.name } })
        : h('input', { type: field.type ?? 'text', value: field.value ?? '', 'aria-label': field.label, dataset: { input: field.name }, ...(field.type === 'number' ? { step: 'any' } : {}) });
      return { field, input };
    });
    const done = (values: Record<string, string> | undefined) => {
      form.remove();
      resolve(values);
    };
    const submit = () => done(Object.fromEntries(inputs.map(({ field, input }) => [field.name, input.value])));
    const form = h(
      'form',
      { class: 'inline-form', 'aria-label': title, dataset: { form: title } },
      h('div', { class: 'form-title' }, title),
      ...inputs.map(({ field, input }) => h('label', { class: 'form-row' }, h('span', {}, field.label), input)),
      h(
        'div',
        { class: 'form-actions' },
        button(submitLabel, { icon: 'check', primary: true, id: 'form-submit', onClick: submit }),
        button('Cancel', { icon: 'close', id: 'form-cancel', onClick: () => done(undefined) }),
      ),
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') done(undefined);
      const inInput = (event.target as HTMLElement).tagName === 'INPUT';
      if (event.key === 'Enter' && (inInput || event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    });
    host.querySelector('.inline-form')?.remove();
    host.prepend(form);
    inputs[0]?.input.focus();
  });
}
