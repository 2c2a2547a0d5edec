import type { CategoryGrammar } from '../category-grammar.js';

/** Translation requests between many languages, some written in the source language. */
export const TRANSLATION_GRAMMAR: CategoryGrammar = {
  category: 'translation',
  systemShare: 0.5,
  systems: [
    'You are a professional translator. Translate the user\'s text faithfully, keep the formatting, and output only the translation.',
    'You are a localization expert for mobile apps. Keep placeholders like {name} and %d unchanged.',
  ],
  prompts: [
    'Translate the following into §{language}:\n\n§{source}',
    'Translate this into natural, fluent §{language}, not word for word:\n\n"§{source}"',
    'How do you say "§{phrase}" in §{language}? Formal and informal please.',
    'Can you translate this email from my §{relation} into English?\n\n§{foreign}',
    '请把下面这段话翻译成英文：\n\n§{zh}',
    'Переведи на английский, пожалуйста:\n\n§{ru}',
    'Traduce al inglés este texto:\n\n§{es}',
    '次の文章を英語に翻訳してください。\n\n§{ja}',
    'Translate these app strings to §{language}, return JSON with the same keys:\n{"checkout.title": "Review your order", "checkout.pay": "Pay now", "errors.card_declined": "Your card was declined. Try another payment method.", "greeting": "Welcome back, {name}!"}',
    'Übersetze bitte ins Englische: §{de}',
  ],
  slots: {
    language: ['Spanish', 'French', 'German', 'Japanese', 'Simplified Chinese', 'Korean', 'Brazilian Portuguese', 'Russian', 'Italian', 'Arabic', 'Turkish', 'Vietnamese', 'Hindi', 'Polish'],
    relation: ['landlord', 'grandmother', 'supplier', 'host family', 'coworker'],
    phrase: ['Could you please send me the invoice again?', 'I\'m allergic to peanuts', 'Where is the nearest train station?', 'Thank you for your patience', 'Congratulations on your new job!', 'Sorry, I don\'t understand'],
    source: [
      'Our office will be closed on §{weekday} for maintenance. Orders placed before noon will still ship the same day. Thank you for your understanding.',
      'The product is easy to set up: plug it in, download the app, and follow the instructions on the screen. If the light blinks red, hold the reset button for ten seconds.',
      'Dear §{first_name}, thank you for staying with us in §{city}. We hope you enjoyed your visit and look forward to welcoming you again soon.',
      'Terms of service: by creating an account you agree that we may process your data to provide the service, as described in our privacy policy. You may cancel at any time.',
      'It was raining when she finally reached the station. The last train had already left, and the platform was empty except for an old man feeding pigeons.',
    ],
    foreign: ['Bonjour, je voulais vous informer que le loyer augmentera de 3 % à partir du mois prochain. Merci de me confirmer la réception de ce message.', 'Hallo, leider können wir die Lieferung erst am Freitag versenden, da ein Teil noch fehlt. Wir bitten um Entschuldigung.', 'Ciao tesoro, come stai? Ti ho mandato un pacco con i biscotti che ti piacciono. Chiamami quando arriva!', 'Olá! A reunião foi remarcada para quinta-feira às 15h. Pode confirmar a sua presença?'],
    zh: ['我们公司明年计划在东南亚开设三家新门店，请帮我把这份计划书的摘要翻译得正式一些。', '这个产品的电池续航时间大约是十二个小时，充电需要两个小时。', '感谢您的耐心等待，您的订单已经发货，预计三到五个工作日送达。'],
    ru: ['Добрый день! Подскажите, пожалуйста, можно ли перенести встречу на следующую неделю?', 'Инструкция: перед первым использованием полностью зарядите устройство.'],
    es: ['Hola, quería saber si todavía tienen habitaciones disponibles para el fin de semana del 14 de agosto.', 'El informe trimestral muestra un aumento del 12 % en las ventas respecto al año anterior.'],
    ja: ['お世話になっております。先日の件について、詳細をメールでお送りいたします。', '明日の会議は十時から始まります。資料を事前に確認してください。'],
    de: ['Sehr geehrte Damen und Herren, hiermit kündige ich meinen Vertrag fristgerecht zum Monatsende.', 'Die Lieferung verzögert sich um etwa zwei Wochen.'],
  },
};
