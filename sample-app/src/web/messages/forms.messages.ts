/**
 * Turkish texts of the field labels and validation messages of the forms (`payments/forms.dto.ts`
 * and the other DTOs), which the pages show as they are. Keyed by the English text of the page
 * code.
 */
export const FORM_TR: Readonly<Record<string, string>> = {
  // card fields
  'Card holder is required': 'Kart sahibi gerekli',
  'Card holder must be at most 50 characters': 'Kart sahibi en çok 50 karakter olabilir',
  'Card number must be 13 to 19 digits and pass the card checksum (Luhn)':
    'Kart numarası 13-19 haneli olmalı ve kart kontrol hanesini (Luhn) geçmeli',
  'Expiry must be a month and year as MM/YY, e.g. 12/30':
    'Son kullanma AA/YY biçiminde ay ve yıl olmalı, ör. 12/30',
  'Expiry is required, as MM/YY': 'Son kullanma gerekli (AA/YY)',
  'The card has expired: check the expiry date or use another card':
    'Kartın süresi dolmuş: son kullanma tarihini kontrol edin ya da başka bir kart kullanın',
  'CVC must be the 3 or 4 digits on the back of the card': 'CVC kartın arkasındaki 3 ya da 4 hane olmalı',
  // field labels and form messages
  'Expiry month': 'Son kullanma ayı',
  'Expiry year': 'Son kullanma yılı',
  'Payment mode': 'Ödeme şekli',
  'Pre-authorise': 'Ön provizyon',
  'E-mail': 'E-posta',
  Note: 'Not',
  'Valid for': 'Geçerlilik',
  'Code session': 'Kod oturumu',
  'Next page': 'Sonraki sayfa',
  'Next page is not valid': 'Sonraki sayfa geçerli değil',
  Confirmation: 'Onay',
  'Card BIN': 'Kart BIN’i',
  'Password is required': 'Şifre gerekli',
  'Password is not valid': 'Şifre geçerli değil',
  'Confirm with the button on the confirmation page': 'Onay sayfasındaki düğmeyle onaylayın',
  'Mobile number must be a Turkish mobile number such as 0532 123 45 67':
    'Cep telefonu 0532 123 45 67 gibi bir Türkiye cep numarası olmalı',
  'Mobile number is required': 'Cep telefonu gerekli',
  'Stored card is not valid': 'Kayıtlı kart geçerli değil',
  'Stored card is required': 'Kayıtlı kart gerekli',
  'Stored card was not found': 'Kayıtlı kart bulunamadı',
  'Pre-authorise must be a yes/no value': 'Ön provizyon evet/hayır değeri olmalı',
  'Instalments must be a whole number': 'Taksit sayısı tam sayı olmalı',
  'Instalments must be 0 (single payment) or more': 'Taksit sayısı 0 (tek çekim) ya da daha fazla olmalı',
  'Instalments must be at most 12': 'Taksit sayısı en çok 12 olabilir',
  'Payer name is required': 'Ödeyenin adı gerekli',
  'Payer name must be at most 100 characters': 'Ödeyenin adı en çok 100 karakter olabilir',
  'Amount must be a positive amount in lira with at most 2 decimals, e.g. 150,75':
    'Tutar, en çok 2 ondalıklı pozitif bir TL tutarı olmalı, ör. 150,75',
  'Amount must be a positive amount in lira with at most 2 decimals, e.g. 250 or 99,90':
    'Tutar, en çok 2 ondalıklı pozitif bir TL tutarı olmalı, ör. 250 ya da 99,90',
  'Amount must be at most 100.000 TL in this sample': 'Bu örnekte tutar en çok 100.000 TL olabilir',
  'Amount must be at most 1.000.000 TL': 'Tutar en çok 1.000.000 TL olabilir',
  'Amount is ambiguous: write 10.005,00 for ten thousand and five lira, or 10,01 for ten lira one kuruş':
    'Tutar belirsiz: on bin beş lira için 10.005,00, on lira bir kuruş için 10,01 yazın',
  'E-mail must be an e-mail address': 'E-posta geçerli bir e-posta adresi olmalı',
  'Note must be at most 200 characters': 'Not en çok 200 karakter olabilir',
  'Valid for must be a whole number of hours': 'Geçerlilik tam sayı olarak saat olmalı',
  'Valid for must be at least 1 hour': 'Geçerlilik en az 1 saat olmalı',
  'Valid for must be at most 720 hours (30 days)': 'Geçerlilik en çok 720 saat (30 gün) olabilir',
  'The code session is missing: send the code again': 'Kod oturumu yok: kodu yeniden gönderin',
  'The code session is not valid: send the code again': 'Kod oturumu geçerli değil: kodu yeniden gönderin',
  'SMS code is required': 'SMS kodu gerekli',
  'SMS code must be the 4 to 10 letters or digits you received':
    'SMS kodu, size gelen 4-10 harf ya da rakam olmalı',
  'SMS code has expired or was not sent to you: send a new code':
    'SMS kodunun süresi dolmuş ya da kod size gönderilmemiş: yeni bir kod isteyin',
  'SMS code is not correct or has expired: check it or send a new code':
    'SMS kodu yanlış ya da süresi dolmuş: kontrol edin ya da yeni bir kod isteyin',
  'Card name is required': 'Kart adı gerekli',
  'Card name must be at most 40 characters': 'Kart adı en çok 40 karakter olabilir',
  'Language must be tr or en': 'Dil tr ya da en olmalı',
  'Card BIN must be the first 6 digits of the card': 'Kart BIN’i kartın ilk 6 hanesi olmalı',
};
