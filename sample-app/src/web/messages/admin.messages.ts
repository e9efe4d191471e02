/**
 * Turkish texts of the staff's pages: the order list and its notices, the confirmation pages,
 * PayLinks, stored cards, the instalment table and the sign-in. Keyed by the English text of the
 * page code.
 */
export const ADMIN_TR: Readonly<Record<string, string>> = {
  // admin pages
  'Instalment table': 'Taksit tablosu',
  'New PayLink': 'Yeni ödeme linki',
  'Recent PayLinks': 'Son ödeme linkleri',
  'Your cards': 'Kartlarınız',
  'Save a card': 'Kart kaydet',
  // login
  Password: 'Şifre',
  'Wrong password.': 'Şifre yanlış.',
  "Orders, refunds, PayLinks and stored cards are for the shop's staff. The password is":
    'Siparişler, iadeler, ödeme linkleri ve kayıtlı kartlar mağaza çalışanları içindir. Şifre',
  ', or the one printed when the app started.': ' ya da uygulama açılırken yazılan şifredir.',
  // order list
  'Sign out': 'Çıkış',
  'Every order with its Paynet state. Refunds are requests that Paynet reviews; capture and capture reversal apply to pre-authorised orders.':
    'Tüm siparişler ve Paynet’teki durumları. İadeler Paynet’in incelediği taleplerdir; tahsilat ve tahsilat iptali ön provizyonlu siparişler içindir.',
  'No orders yet.': 'Henüz sipariş yok.',
  'Buy something': 'Bir şey satın alın',
  Product: 'Ürün',
  Amount: 'Tutar',
  Channel: 'Kanal',
  Status: 'Durum',
  'pre-auth': 'ön provizyon',
  PayLink: 'Ödeme linki',
  'Stored card': 'Kayıtlı kart',
  Capture: 'Tahsil et',
  Release: 'Bırak',
  'Reverse capture': 'Tahsilatı iptal et',
  Refund: 'İade et',
  "Waiting for Paynet's decision": 'Paynet’in kararı bekleniyor',
  'Refund requested. Paynet reviews it and posts its decision back to the shop.':
    'İade istendi. Paynet talebi inceler ve kararını mağazaya bildirir.',
  'Captured: the pre-authorised amount is charged.': 'Tahsil edildi: ön provizyonlu tutar karttan çekildi.',
  'Pre-authorisation released.': 'Ön provizyon bırakıldı.',
  'Capture reversed: the money goes back to the card.': 'Tahsilat iptal edildi: para karta geri döner.',
  'Checked with Paynet.': 'Paynet’e soruldu.',
  'Card saved.': 'Kart kaydedildi.',
  'Card deleted.': 'Kart silindi.',
  // confirmation pages
  'Refund this order?': 'Bu sipariş iade edilsin mi?',
  'Yes, request the refund': 'Evet, iade iste',
  'Paynet is asked to refund the full amount to the card; it reviews the request and posts its decision back.':
    'Paynet’ten tutarın tamamını karta iade etmesi istenir; Paynet talebi inceler ve kararını bildirir.',
  'Capture this pre-authorisation?': 'Bu ön provizyon tahsil edilsin mi?',
  'Yes, capture': 'Evet, tahsil et',
  'The amount held on the card is charged now.': 'Kartta bloke edilen tutar şimdi çekilir.',
  'Reverse this capture?': 'Bu tahsilat iptal edilsin mi?',
  'Yes, reverse the capture': 'Evet, tahsilatı iptal et',
  'The captured amount goes back to the card.': 'Tahsil edilen tutar karta geri döner.',
  'Status of this order:': 'Bu siparişin durumu:',
  'There is nothing to do now.': 'Şu an yapılacak bir işlem yok.',
  'Back to the orders': 'Siparişlere dön',
  // PayLinks
  'A PayLink is a payment page hosted by Paynet. Send the link to the payer; when they pay, Paynet posts a confirmation to the shop, which checks it with Paynet before marking the order paid.':
    'Ödeme linki, Paynet’in barındırdığı bir ödeme sayfasıdır. Linki ödeyecek kişiye gönderin; ödediğinde Paynet mağazaya bir onay gönderir, mağaza da siparişi ödendi olarak işaretlemeden önce bunu Paynet’e doğrulatır.',
  'PayLink created': 'Ödeme linki oluşturuldu',
  'Payer name': 'Ödeyenin adı',
  'Amount (TL)': 'Tutar (TL)',
  'E-mail (optional)': 'E-posta (isteğe bağlı)',
  'Note shown to the payer (optional)': 'Ödeyene gösterilecek not (isteğe bağlı)',
  'Valid for (hours, optional)': 'Geçerlilik (saat, isteğe bağlı)',
  'The Turkish way: 1.500,00 or 149,90 (10.005 is refused as ambiguous)':
    'Türkçe yazımla: 1.500,00 ya da 149,90 (10.005 belirsiz olduğu için reddedilir)',
  'Create PayLink': 'Ödeme linki oluştur',
  'None yet.': 'Henüz yok.',
  Open: 'Aç',
  // stored cards
  "Cards are stored by Paynet, not by the shop: the shop keeps only Paynet's":
    'Kartları mağaza değil Paynet saklar: mağaza müşteri için yalnızca Paynet’in',
  "for the customer and pays with a card's": 'değerini tutar ve ödemeyi kartın',
  'No stored cards yet.': 'Henüz kayıtlı kart yok.',
  Delete: 'Sil',
  "Step 1 of 2: we text a code to the card holder's mobile phone.":
    'Adım 1/2: kart sahibinin cep telefonuna SMS ile bir kod göndeririz.',
  "The embedded fake Paynet's code is always": 'Gömülü sahte Paynet’in kodu her zaman',
  'Mobile number': 'Cep telefonu',
  'Send code': 'Kodu gönder',
  'Step 2 of 2: type the code sent to': 'Adım 2/2:',
  'and the card.': 'numarasına gönderilen kodu ve kart bilgilerini yazın.',
  'Fake Paynet': 'Sahte Paynet',
  'SMS code': 'SMS kodu',
  'Card name': 'Kart adı',
  'My Visa': 'Visa kartım',
  'Save card': 'Kartı kaydet',
  'Start again': 'Baştan başla',
  // instalments
  'What each bank offers for an amount, from': 'Bir tutar için her bankanın sunduğu taksitler; kaynak:',
  'Card BIN (first 6 digits, optional)': 'Kart BIN’i (ilk 6 hane, isteğe bağlı)',
  Show: 'Göster',
  'No instalment options for this amount.': 'Bu tutar için taksit seçeneği yok.',
  "Per-instalment amount, and below it the total the payer pays with the bank's rate.":
    'Taksit başına tutar; altında, bankanın oranıyla ödenecek toplam.',
  Bank: 'Banka',
  Single: 'Tek çekim',
  rate: 'oran',
};
