/**
 * Cue terms of the structural features that are about words rather than shape: they are matched with the lexicon
 * machinery (lexicon.ts: words, `stem*`, two-word phrases, CJK strings) in the same pass, instead of one regular
 * expression per cue over the whole text. Each cue is a named group; structural-features.ts turns its hits into
 * `s:` features.
 */

const LANGUAGES = [
  'english', 'spanish', 'french', 'german', 'italian', 'portuguese', 'chinese', 'japanese', 'russian', 'korean', 'arabic',
  'dutch', 'polish', 'turkish', 'hindi', 'greek', 'swedish', 'thai', 'vietnamese', 'ukrainian',
  'inglés', 'ingles', 'español', 'francés', 'alemán', 'italiano', 'portugués', 'chino', 'japonés', 'ruso',
  'anglais', 'espagnol', 'français', 'allemand', 'italien', 'portugais', 'chinois', 'japonais', 'russe',
  'englische', 'englisch', 'spanische', 'französische', 'deutsche', 'italienische', 'deutsch',
  'inglês', 'espanhol', 'francês', 'alemão', 'português',
  'inglese', 'francese', 'tedesco', 'spagnolo', 'engels', 'nederlands', 'duits', 'frans', 'angielski', 'niemiecki',
  'английский', 'испанский', 'французский', 'немецкий', 'русский', 'китайский', 'японский',
];
const INTO = ['into', 'to', 'in', 'en', 'al', 'à', 'para', 'o', 'ins', 'auf', 'het', 'na', 'на'];
const CJK_INTO = ['成', '为', '為', 'に', 'を'];
const CJK_LANGUAGES = ['英文', '英语', '中文', '日语', '法语', '德语', '西班牙语', '俄语', '英語', '日本語', '中国語', 'フランス語', 'ドイツ語'];

/** Cue name (an `s:` feature) → its terms. */
export const CUE_TERMS: Readonly<Record<string, readonly string[]>> = {
  's:translate_verb': [
    'translat*', 'traduc*', 'traduz*', 'traduç*', 'tradui*', 'tradur*', 'übersetz*', 'uebersetz*', 'vertaal*',
    'перевед*', 'перевод*', 'перевест*', 'przetłumacz*', 'tłumacz*', 'çevir*', '翻译', '翻譯', '翻訳', '訳して', '번역*',
  ],
  's:into_language': [
    ...INTO.flatMap((into) => LANGUAGES.map((language) => `${into} ${language}`)),
    ...CJK_INTO.flatMap((into) => CJK_LANGUAGES.map((language) => `${into}${language}`)),
    // "What's the English for …", "the Spanish word for …"
    ...LANGUAGES.flatMap((language) => [`${language} for`, `${language} word`]),
  ],
  /** "You are X" / "you'll play X" in several languages (a persona set-up when "I am Y" comes with it). */
  's:you_are': [
    'you are', 'you re', 'you ll', 'you will', 'you play', 'your role', 'be my', 'eres', 'serás', 'interpretas',
    'tu es', 'tu seras', 'tu joues', 'du bist', 'du spielst', 'você é', 'tu és', 'você será', 'sei un', 'sei una',
    'jij bent', 'jesteś', 'ты будешь', '你是', '你扮演', 'あなたは', '君は', '너는', '넌',
  ],
  /** "I am Y" / "I'll be Y" in several languages. */
  's:i_am': [
    'i am', 'i m', 'i ll', 'i play', 'yo soy', 'soy', 'seré', 'je suis', 'je serai', 'je joue', 'ich bin',
    'eu sou', 'io sono', 'ik ben', 'jestem', '我是', '我扮演', '私は', '나는', '난',
  ],
  's:in_character': [
    'in character', 'of character', 'break character', 'breaking character', 'breaks character', 'character break',
    'ooc', 'roleplay*', 'role play', 'roleplaying', 'rp', 'de rol', 'de rôle', 'rollenspiel*', 'ролев*', 'ролевую',
    '角色扮演', 'ロールプレイ', 'なりきり',
  ],
};
