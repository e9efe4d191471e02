/**
 * Turkish texts of the payer's pages: the shop, the product form, the result page with the order's
 * history, the PayLink return page, and the products. Keyed by the English text of the page code.
 */
export const SHOP_TR: Readonly<Record<string, string>> = {
  // shop
  'Declined by the fake bank': 'Sahte bankanın reddettiği kart',
  'JSON API under': 'JSON API:',
  'see sample-app/README.md': 'bkz. sample-app/README.md',
  'A small shop that takes card payments through': 'Kartla ödemeyi şu modülle alan küçük bir mağaza:',
  '3D Secure, pre-authorisation, PayLinks, stored cards and refunds. Pick a product.':
    '3D Secure, ön provizyon, ödeme linkleri, kayıtlı kartlar ve iadeler. Bir ürün seçin.',
  Buy: 'Satın al',
  'Card holder': 'Kart sahibi',
  'Name as on the card': 'Kartın üzerindeki ad',
  'Card number': 'Kart numarası',
  'Expiry (MM/YY)': 'Son kullanma (AA/YY)',
  Expiry: 'Son kullanma',
  CVC: 'CVC',
  'Single payment': 'Tek çekim',
  instalments: 'taksit',
  'See the instalment table': 'Taksit tablosunu görün',
  Payment: 'Ödeme',
  "Without 3D Secure (this shop has Paynet's permission).":
    '3D Secure olmadan (bu mağazanın Paynet izni var).',
  'With 3D Secure: your bank asks for a password or an SMS code.':
    '3D Secure ile: bankanız bir şifre ya da SMS kodu ister.',
  'Only pre-authorise, capture later from the order list':
    'Yalnızca ön provizyon al, tahsilatı sonra sipariş listesinden yap',
  Pay: 'Öde',
  "The card data passes through this shop's server to Paynet; the shop never stores or logs it.":
    'Kart bilgileri bu mağazanın sunucusundan Paynet’e geçer; mağaza onları saklamaz ve kaydetmez.',
  'Test cards': 'Test kartları',
  'The embedded fake Paynet': 'Gömülü sahte Paynet',
  "Paynet's test host": 'Paynet test ortamı',
  "accepts these; no money moves. On the bank's 3D page type the password shown.":
    'bunları kabul eder; para hareket etmez. Bankanın 3D sayfasında gösterilen şifreyi yazın.',
  Card: 'Kart',
  Number: 'Numara',
  '3D password': '3D şifresi',
  // result
  'Payment received': 'Ödeme alındı',
  'Card pre-authorised': 'Kartta ön provizyon alındı',
  'Payment failed': 'Ödeme başarısız',
  'Waiting for the payment': 'Ödeme bekleniyor',
  'Refund requested': 'İade istendi',
  Refunded: 'İade edildi',
  'Pre-authorisation released': 'Ön provizyon bırakıldı',
  Order: 'Sipariş',
  "Bank's reason (admin only):": 'Bankanın gerekçesi (yalnızca yönetici):',
  'The amount is held on the card. Capture or release it from the order list.':
    'Tutar kartta bloke. Sipariş listesinden tahsil edin ya da bırakın.',
  'Check with Paynet': 'Paynet’e sor',
  'All orders': 'Tüm siparişler',
  'Back to the shop': 'Mağazaya dön',
  History: 'Geçmiş',
  'The payment was not approved. Check the card details, try another card, or ask your bank.':
    'Ödeme onaylanmadı. Kart bilgilerini kontrol edin, başka bir kart deneyin ya da bankanıza danışın.',
  // PayLink return
  'PayLink payment': 'Ödeme linki ile ödeme',
  'The payment did not go through': 'Ödeme gerçekleşmedi',
  'Waiting for Paynet to confirm the payment': 'Paynet’in ödemeyi onaylaması bekleniyor',
  "This page refreshes by itself. The order is marked paid only after Paynet's confirmation is checked.":
    'Bu sayfa kendiliğinden yenilenir. Sipariş, Paynet’in onayı doğrulandıktan sonra ödendi olarak işaretlenir.',
  // products
  'Lokum box': 'Lokum kutusu',
  'Rose and pistachio Turkish delight, 500 g.': 'Güllü ve fıstıklı lokum, 500 g.',
  'Tea glass set': 'Çay bardağı takımı',
  'Six tulip tea glasses with saucers.': 'Tabaklarıyla altı ince belli çay bardağı.',
  'Copper cezve': 'Bakır cezve',
  'Hand-hammered copper coffee pot with a brass handle.': 'Pirinç saplı, el dövmesi bakır cezve.',
  // order history
  'Order created': 'Sipariş oluşturuldu',
  '3D Secure started': '3D Secure başladı',
  'Outcome unknown': 'Sonuç bilinmiyor',
  'Checked with Paynet': 'Paynet’e soruldu',
  'Amount does not match': 'Tutar uyuşmuyor',
  Captured: 'Tahsil edildi',
  'Capture reversed': 'Tahsilat iptal edildi',
  'Refund request failed': 'İade talebi başarısız',
  'Refund request unconfirmed': 'İade talebi doğrulanamadı',
  'Refund rejected': 'İade reddedildi',
  'Unresolved: check with Paynet': 'Çözülemedi: Paynet ile kontrol edin',
  'check with Paynet by hand': 'Paynet ile elle kontrol edin',
  'check with Paynet by reference': 'referansla Paynet’e sorun',
  'Paynet has no payment for this order yet': 'Paynet’te bu sipariş için henüz ödeme yok',
  declined: 'reddedildi',
};
