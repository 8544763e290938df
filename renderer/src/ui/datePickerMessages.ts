import type { Language } from '../../../shared/contract/settings';

/** The date picker's words: merged in with the screens that use it (addMessages), not with the first screen. */
const ru = {
  datePicker: {
    open: 'Выбрать в календаре: {label}',
    previousMonth: 'Предыдущий месяц',
    nextMonth: 'Следующий месяц',
    close: 'Закрыть календарь',
    format: 'дд.мм.гггг',
    hint: 'Стрелки — дни и недели, Page Up / Page Down — месяцы, Enter — выбрать, Esc — закрыть',
  },
};

const en: typeof ru = {
  datePicker: {
    open: 'Choose in the calendar: {label}',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    close: 'Close the calendar',
    format: 'dd/mm/yyyy',
    hint: 'Arrows move by day and week, Page Up / Page Down by month, Enter chooses, Esc closes',
  },
};

export const datePickerMessages: Record<Language, typeof ru> = { ru, en };
