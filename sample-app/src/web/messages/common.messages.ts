/**
 * Turkish texts of the frame of every page (header, navigation, footer), the order statuses and
 * the error pages. Keyed by the English text of the page code.
 */
export const COMMON_TR: Readonly<Record<string, string>> = {
  // frame
  'Paynet sample shop': 'Paynet örnek mağaza',
  Shop: 'Mağaza',
  Orders: 'Siparişler',
  PayLinks: 'Ödeme linkleri',
  'Stored cards': 'Kayıtlı kartlar',
  Instalments: 'Taksitler',
  'Sign in': 'Giriş',
  'Embedded fake Paynet: no real money': 'Gömülü sahte Paynet: gerçek para yok',
  'Paynet test host': 'Paynet test ortamı',
  'Paynet LIVE': 'Paynet CANLI',
  Language: 'Dil',
  'sample app': 'örnek uygulama',
  // statuses
  Pending: 'Bekliyor',
  'Pre-authorised': 'Ön provizyonlu',
  Paid: 'Ödendi',
  Failed: 'Başarısız',
  Released: 'Bırakıldı',
  // errors
  'Not found': 'Bulunamadı',
  'There is no page at this address.': 'Bu adreste bir sayfa yok.',
  'Payment declined': 'Ödeme reddedildi',
  'Please correct the following:': 'Lütfen şunları düzeltin:',
  // error pages
  'Please check your input': 'Lütfen girdiklerinizi kontrol edin',
  'Not allowed': 'İzin verilmiyor',
  'Not possible right now': 'Şu an mümkün değil',
  'Unsupported request': 'Desteklenmeyen istek',
  'Too many attempts': 'Çok fazla deneme',
  'Payment provider problem': 'Ödeme sağlayıcısında sorun',
  'Payment provider did not answer': 'Ödeme sağlayıcısı yanıt vermedi',
  'Please try again in a moment': 'Lütfen biraz sonra tekrar deneyin',
  'Payment error': 'Ödeme hatası',
  'Something went wrong': 'Bir şeyler ters gitti',
  'Request failed': 'İstek başarısız',
  'An unexpected error occurred. Please try again.': 'Beklenmeyen bir hata oluştu. Lütfen tekrar deneyin.',
  'Payment could not be confirmed': 'Ödeme doğrulanamadı',
  'Paynet does not confirm this payment, so the order was not changed.':
    'Paynet bu ödemeyi doğrulamıyor; sipariş değiştirilmedi.',
  'Paynet gave no 3D page to continue with.': 'Paynet devam edilecek bir 3D sayfası vermedi.',
  'Too many attempts: wait a while and try again': 'Çok fazla deneme: bir süre bekleyip tekrar deneyin',
  'Too many wrong SMS codes: send a new code': 'Çok fazla yanlış SMS kodu: yeni bir kod isteyin',
  'This request comes from another site and was refused': 'Bu istek başka bir siteden geldi ve reddedildi',
  'Sign in to see this page': 'Bu sayfayı görmek için giriş yapın',
  'No order is waiting for this payment': 'Bu ödemeyi bekleyen bir sipariş yok',
  'This payment belongs to another order': 'Bu ödeme başka bir siparişe ait',
  'No PayLink order has this reference': 'Bu referansla bir ödeme linki siparişi yok',
};
