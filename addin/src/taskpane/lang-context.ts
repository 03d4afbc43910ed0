/** The user's language and its translator, for every component below App. */
import { createContext, useContext } from 'react';
import type { Lang, Translate } from './i18n';
import { translator } from './i18n';

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'vi', t: translator('vi') });
export const useT = () => useContext(LangContext);
