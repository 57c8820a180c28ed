"""Round 5 of real-text phrasing families (issue 11): hard negatives in the style of regional news
(a regent's appeal that names the forbidden acts, Bawaslu on its own supervision, a KPU socialisation,
candidates' and teams' own campaign reports, debunks, declarations of neutrality, rules news). The
sentences are written for these tests (none is from the development set); they were run before the
rules they led to: a pronoun continuing a candidate's own sentence ("Ia meminta dukungan"), a team
leader or a campaign speaker opening the sentence, "apakah ada" and "tidak ditemukan keterlibatan"."""

from __future__ import annotations

import pytest

from netralitas.screening import Screener, screen_text
from netralitas.screening.screener import ScreenRequest

FRESH_NEGATIVES = [
    (
        "Bupati Sumbawa dalam apel pagi di halaman kantor bupati, Senin (14/10), "
        'menegaskan, "Saya minta seluruh ASN tidak ikut-ikutan mengarahkan warga atau '
        "bawahannya untuk memilih salah satu pasangan calon. Itu jelas dilarang dan ada "
        'sanksinya."'
    ),
    (
        "Pj Wali Kota mengingatkan camat dan lurah agar tidak memobilisasi warga untuk "
        'hadir dalam kampanye pasangan calon mana pun. "Tugas kita melayani masyarakat, '
        'bukan menggiring pilihan mereka," ujarnya.'
    ),
    (
        "Sekda Kabupaten Garut mengimbau para kepala dinas untuk tidak mengumpulkan "
        "pegawai dan mengajak mereka mendukung calon tertentu. Menurutnya, pelanggaran "
        "netralitas bisa berujung pada sanksi disiplin berat."
    ),
    (
        '"Jangan ada lagi kepala desa yang mengajak perangkatnya datang ke kampanye, '
        'apalagi sampai memakai seragam dinas," tegas Pj Bupati saat rapat koordinasi '
        "bersama para kades se-kabupaten."
    ),
    (
        "Dalam sambutannya, Pj Gubernur meminta ASN tidak mengunggah, menyukai, "
        "mengomentari, atau membagikan konten kampanye pasangan calon di media sosial "
        "selama tahapan pilkada berlangsung."
    ),
    (
        "Bawaslu Kabupaten Bone melakukan pengawasan melekat pada kampanye terbuka "
        "pasangan calon nomor urut 1 di Lapangan Merdeka, Sabtu (9/11). Petugas memantau "
        "apakah ada ASN atau kepala desa yang hadir, dan hingga acara selesai tidak "
        "ditemukan keterlibatan ASN."
    ),
    (
        "Panwascam Cibinong menyisir akun media sosial para pegawai kecamatan. "
        "Koordinator divisi pengawasan menyebut patroli siber itu dilakukan rutin untuk "
        "mencegah ASN membagikan konten dukungan kepada peserta pilkada."
    ),
    (
        "KPU Kabupaten Sleman menggelar sosialisasi tahapan pilkada kepada pemilih pemula "
        "di SMA Negeri 1 Depok. Para siswa diajak menggunakan hak pilihnya pada 27 "
        "November dan datang ke TPS dengan membawa KTP."
    ),
    (
        "Komisioner KPU mengajak seluruh warga Kota Bekasi untuk berbondong-bondong "
        'datang ke TPS. "Ayo ramaikan TPS, satu suara Anda menentukan lima tahun ke '
        'depan," katanya dalam acara jalan sehat sosialisasi pilkada.'
    ),
    (
        "KPU Kabupaten Lombok Timur mengumumkan jadwal kampanye rapat umum bagi ketiga "
        "pasangan calon. Setiap paslon mendapat jatah dua kali rapat umum di lapangan "
        "yang telah ditetapkan."
    ),
    (
        "Dalam acara sosialisasi yang digelar KPU di aula kecamatan, warga diajak "
        "mengenali surat suara dan tata cara mencoblos yang sah. Petugas juga membagikan "
        "stiker ajakan tidak golput."
    ),
    (
        "Kapolres mengajak masyarakat datang ke TPS dan menggunakan hak pilih dengan "
        'tenang. "Jangan takut, aparat menjamin keamanan. Silakan pilih sesuai hati '
        'nurani," ujarnya usai apel pergeseran pasukan.'
    ),
    (
        "Ketua MUI kabupaten mengimbau umat untuk tidak golput dan menjaga persaudaraan "
        "meski berbeda pilihan. Ia juga meminta tokoh agama tidak menggunakan mimbar "
        "untuk kampanye."
    ),
    (
        "Pasangan calon bupati nomor urut 2 menggelar kampanye dialogis di Desa Sukamaju. "
        "Di hadapan ratusan warga, calon bupati mengajak masyarakat memenangkan pasangan "
        "nomor 2 demi pembangunan desa."
    ),
    (
        "Calon wali kota petahana yang telah cuti di luar tanggungan negara berkampanye "
        "di pasar tradisional. Ia menyapa pedagang dan meminta dukungan agar bisa "
        "melanjutkan program yang belum selesai."
    ),
    (
        "Tim pemenangan pasangan Andi–Rahmat menggelar konsolidasi relawan di gedung "
        "serbaguna milik partai. Ketua tim meminta relawan turun ke rumah-rumah warga "
        "untuk mengajak memilih paslon nomor 3."
    ),
    (
        "Seorang warga Kecamatan Cileunyi mengunggah video dukungan untuk calon gubernur "
        "di akun TikTok pribadinya. Ia mengaku bukan pegawai pemerintah dan hanya ingin "
        "menyampaikan aspirasinya."
    ),
    (
        "Ribuan simpatisan memadati kampanye akbar pasangan calon gubernur nomor urut 1 "
        "di Stadion Gelora. Juru kampanye dari partai pengusung mengajak massa "
        "memenangkan paslon dalam satu putaran."
    ),
    (
        "Diskominfo memastikan unggahan yang menyebut camat Sukaraja mengajak warga "
        "memilih paslon tertentu adalah hoaks. Foto yang beredar merupakan kegiatan reses "
        "anggota DPRD tahun lalu."
    ),
    (
        "Klarifikasi: video yang memperlihatkan kepala sekolah membagikan kaus pasangan "
        "calon kepada guru bukan terjadi di Kabupaten Tegal. Bawaslu memastikan informasi "
        "tersebut tidak benar."
    ),
    (
        "Polres menyatakan pesan berantai di grup WhatsApp yang mengatasnamakan Bupati "
        "dan berisi ajakan kepada ASN untuk menghadiri kampanye adalah palsu. Pelaku "
        "penyebar sedang dilacak."
    ),
    (
        'Kepala Dinas Pendidikan menyatakan seluruh guru di lingkungannya netral. "Kami '
        "sudah menandatangani pakta integritas, tidak akan ikut kampanye, tidak akan "
        'memasang atribut, dan tidak akan mengarahkan murid maupun orang tua," katanya.'
    ),
    (
        "Camat Kertajati menegaskan dirinya tidak pernah menghadiri kampanye salah satu "
        "paslon. Ia mengaku kehadirannya di desa tersebut untuk meninjau penyaluran "
        "bantuan banjir."
    ),
    (
        "Ratusan kepala desa se-Kabupaten Bogor mendeklarasikan netralitas dalam pilkada "
        "serentak. Deklarasi dibacakan di pendopo bupati disaksikan Bawaslu, KPU, dan "
        "Forkopimda."
    ),
    (
        "Berdasarkan SKB lima menteri, ASN dilarang memberikan dukungan kepada calon "
        "melalui media sosial, termasuk memberi tanda suka, berkomentar, dan "
        "menyebarluaskan gambar calon."
    ),
    (
        "Peraturan Bawaslu mengatur bahwa kepala desa yang terbukti membuat keputusan "
        "atau tindakan yang menguntungkan salah satu paslon dapat dipidana penjara paling "
        "lama enam bulan."
    ),
    (
        "Kemendagri menerbitkan surat edaran yang melarang pejabat daerah mengerahkan ASN "
        "untuk menghadiri kampanye, termasuk pada hari libur dan di luar jam kerja."
    ),
    (
        "BKN mencatat sepanjang tahapan pilkada terdapat 200 laporan pelanggaran "
        "netralitas ASN, sebagian besar berupa unggahan dan komentar di media sosial. "
        "Angka itu turun dibanding pemilu sebelumnya."
    ),
    (
        "Bupati Kendal mengunggah imbauan netralitas ASN di akun Instagram resminya. "
        "Dalam unggahan itu ia meminta pegawai tidak ikut membagikan konten kampanye."
    ),
    (
        "Akun resmi Bawaslu Kota Depok membagikan infografis tentang larangan ASN memberi "
        "like dan komentar pada unggahan pasangan calon."
    ),
    (
        "Calon gubernur nomor urut 2 mengunggah video kampanyenya di TikTok dan mengajak "
        "warganet memilihnya pada 27 November."
    ),
    (
        "Warganet ramai membagikan ulang unggahan yang menampilkan foto calon bupati "
        "bersama ulama. Unggahan itu dibuat oleh akun relawan pasangan calon."
    ),
    (
        "Diskominfo kabupaten mengunggah jadwal debat publik pasangan calon di media "
        "sosial pemerintah daerah sebagai bagian dari sosialisasi tahapan pilkada yang "
        "diminta KPU."
    ),
    (
        "Seorang kepala desa di Kecamatan Ciawi dilaporkan ke Bawaslu karena unggahan di "
        "Facebook. Setelah dikaji, Bawaslu menyatakan unggahan itu hanya ucapan selamat "
        "hari jadi desa dan tidak memuat unsur kampanye."
    ),
    (
        "Ratusan personel gabungan TNI dan Polri diterjunkan untuk mengamankan kampanye "
        "akbar pasangan calon nomor urut 3 di alun-alun kota, Minggu (17/11)."
    ),
    (
        "Wartawan dari berbagai media meliput kampanye terbuka pasangan calon gubernur di "
        "Lapangan Karebosi. Acara berlangsung tertib hingga sore hari."
    ),
    (
        "Petugas Satpol PP hadir di lokasi kampanye untuk menertibkan pedagang kaki lima, "
        "bukan untuk mendukung pasangan calon, kata Kasatpol PP."
    ),
    (
        "Bawaslu mencatat selama masa kampanye tidak ada ASN yang terlihat di lokasi "
        "rapat umum. Pengawas ditempatkan di setiap titik kampanye."
    ),
    (
        "Petahana yang maju kembali dalam pilkada hadir dalam kampanye setelah resmi "
        "mengajukan cuti di luar tanggungan negara, sesuai ketentuan yang berlaku."
    ),
    (
        "Kampanye rapat umum pasangan calon bupati nomor urut 1 di Kecamatan Batujajar "
        "dihadiri ribuan pendukung. Paslon menyampaikan visi misi di bidang pertanian."
    ),
    (
        "Kepala desa bersama perangkat desa mengajak warga datang ke TPS pada hari "
        'pemungutan suara. "Gunakan hak pilih, jangan golput, pilihan bebas sesuai hati '
        'nurani," ujarnya.'
    ),
    (
        "Ketua PPK Kecamatan Sumber mengajak seluruh petugas KPPS bekerja profesional dan "
        "melayani pemilih dengan baik tanpa memihak pasangan calon mana pun."
    ),
    (
        "Lurah Sukamulya mengumpulkan ketua RT dan RW untuk membahas persiapan TPS dan "
        "pendataan pemilih yang pindah domisili."
    ),
    (
        "Wali Kota mengajak ASN menyukseskan pilkada dengan menjaga netralitas dan ikut "
        "mengawasi jika ada pelanggaran di lingkungan kerja masing-masing."
    ),
    (
        "Rektor mengimbau mahasiswa menggunakan hak pilihnya secara cerdas dan tidak "
        "mudah terprovokasi berita bohong menjelang hari pencoblosan."
    ),
    (
        "Dalam khutbah Jumat, imam masjid agung mengajak jemaah menjaga persatuan dan "
        "memilih pemimpin yang jujur, tanpa menyebut nama calon."
    ),
    (
        "Kepala Dinas Kesehatan mengumpulkan kepala puskesmas untuk memastikan pelayanan "
        "kesehatan tetap berjalan pada hari pencoblosan dan petugas diberi waktu untuk "
        "mencoblos."
    ),
    (
        "Pj Bupati meminta para camat mendata ASN yang akan bertugas pada hari pemungutan "
        "suara agar tetap dapat menggunakan hak pilihnya."
    ),
    (
        "Camat Cibeber menulis di status WhatsApp-nya ajakan agar warga datang ke TPS "
        "pada 27 November dan menggunakan hak pilih sesuai hati nurani."
    ),
    (
        "Kepala desa Sukamanah mengunggah foto bersama anggota Panwaslu desa usai "
        "penandatanganan ikrar netralitas di balai desa."
    ),
    (
        "Melalui akun Facebook pribadinya, seorang guru PNS membagikan poster KPU berisi "
        "tanggal pencoblosan dan tata cara mencoblos."
    ),
    (
        "Sekretaris daerah mengunggah video imbauan di kanal YouTube pemkab. Dalam video "
        "itu ia mengingatkan ASN tidak berfoto dengan pose jari yang menunjukkan "
        "dukungan."
    ),
    (
        "Lurah Tegalsari hadir di lokasi kampanye sebagai pemilik wilayah untuk "
        "memastikan izin keramaian dan kebersihan lapangan, bukan sebagai peserta, "
        "menurut keterangan Bawaslu setelah klarifikasi."
    ),
    (
        "Kapolsek dan Danramil memantau langsung jalannya kampanye dialogis pasangan "
        "calon di gedung olahraga kecamatan."
    ),
    (
        "Para kepala sekolah diundang ke kantor dinas pendidikan untuk mengikuti "
        "sosialisasi netralitas ASN dari Bawaslu dan BKPSDM."
    ),
    (
        "Bupati mengumpulkan seluruh camat dan kepala desa di pendopo untuk rapat "
        "persiapan pengamanan dan logistik pilkada."
    ),
    (
        "Dalam rapat itu Bupati berpesan agar camat mengajak warganya datang ke TPS, "
        "namun tidak sekali-kali mengarahkan pilihan."
    ),
    (
        "ASN boleh hadir dalam kampanye hanya jika sedang cuti dan tidak menggunakan "
        "atribut, namun tetap dilarang ikut sebagai peserta aktif, jelas Kepala BKPSDM."
    ),
    (
        "Ketua KPU Kabupaten Pati menyebut partisipasi pemilih harus naik. Ia meminta "
        "camat, lurah, dan kepala desa membantu menyosialisasikan hari pencoblosan kepada "
        "warga."
    ),
    (
        "Bupati mengajak seluruh jajaran pemerintah daerah mendukung suksesnya pilkada "
        "serentak dengan menjaga netralitas dan membantu KPU dalam penyediaan tempat TPS."
    ),
    (
        "Penjabat kepala desa mengundang warga ke balai desa untuk menyaksikan debat "
        "publik pasangan calon yang disiarkan televisi, kegiatan yang difasilitasi KPU."
    ),
    (
        "Kadis Kominfo mengingatkan pegawai agar tidak sembarangan membagikan tautan "
        "berita pilkada di grup WhatsApp kantor karena bisa dianggap kampanye."
    ),
    (
        "Camat meminta warga yang menemukan ASN mengenakan kaus paslon atau memasang "
        "stiker calon di kendaraan dinas segera melapor ke Panwascam."
    ),
    (
        "Kepala desa yang mencalonkan diri sebagai anggota DPRD telah mengundurkan diri "
        "sejak penetapan daftar calon tetap, sehingga kegiatannya di media sosial bukan "
        "pelanggaran netralitas."
    ),
    (
        "Wakil Bupati yang juga calon bupati menghadiri kampanye pada hari Sabtu setelah "
        "mendapat izin cuti dari gubernur, sesuai aturan bagi petahana."
    ),
    (
        "KPU Kabupaten Garut melakukan verifikasi faktual terhadap dukungan KTP bakal "
        "calon perseorangan. Petugas PPS mendatangi warga untuk memastikan dukungan itu "
        "benar diberikan."
    ),
    (
        "Bawaslu menerima aduan warga yang namanya tercatat sebagai pendukung calon "
        "perseorangan padahal tidak pernah menyerahkan fotokopi KTP. Warga diminta "
        "mengecek namanya di laman KPU."
    ),
    (
        "ASN dilarang memberikan dukungan kepada bakal calon perseorangan dengan "
        "menyerahkan fotokopi KTP, tegas Kepala BKPSDM dalam sosialisasi netralitas."
    ),
    (
        "KPU menemukan 12 nama ASN tercatut dalam Sipol sebagai anggota partai politik. "
        "Para ASN itu telah membuat surat pernyataan bukan anggota partai dan namanya "
        "dihapus."
    ),
    (
        "Mantan kepala dinas yang telah pensiun resmi bergabung dengan Partai Golkar dan "
        "menerima kartu tanda anggota dari ketua DPD partai."
    ),
    (
        "Berdasarkan UU ASN, pegawai negeri sipil dilarang menjadi anggota atau pengurus "
        "partai politik dan wajib diberhentikan bila terbukti."
    ),
    (
        "Seorang guru honorer di Kecamatan Leles mendaftar sebagai pengurus partai "
        "setelah mengundurkan diri dari sekolah, kata kepala sekolah tersebut."
    ),
    (
        "Ribuan relawan mendeklarasikan dukungan kepada pasangan calon gubernur nomor "
        "urut 2 di GOR Saparua. Deklarasi dihadiri pengurus partai pengusung."
    ),
    (
        "Partai Nasdem, PKB, dan PKS mendeklarasikan koalisi untuk mengusung pasangan "
        "bakal calon wali kota di sebuah hotel, Selasa malam."
    ),
    (
        "Bawaslu memantau acara deklarasi pasangan calon di gedung serbaguna dan "
        "memastikan tidak ada kepala desa maupun ASN yang hadir."
    ),
    (
        "Kepala desa se-Kecamatan Jatinangor mengikuti deklarasi pemilu damai dan "
        "netralitas yang digelar Polres bersama KPU dan Bawaslu."
    ),
    (
        "Satpol PP bersama Bawaslu menurunkan ratusan baliho dan spanduk pasangan calon "
        "yang terpasang di pohon dan tiang listrik karena melanggar aturan pemasangan."
    ),
    (
        "KPU memfasilitasi pemasangan alat peraga kampanye berupa baliho untuk setiap "
        "pasangan calon di titik-titik yang ditetapkan bersama pemerintah daerah."
    ),
    (
        "Tim pemenangan pasangan calon nomor urut 1 memasang spanduk dan baliho di "
        "sepanjang jalan provinsi setelah mendapat izin dari KPU."
    ),
    (
        "Warga mengeluhkan baliho caleg yang roboh menutupi trotoar. Bawaslu meminta tim "
        "kampanye merapikan alat peraga yang rusak."
    ),
    (
        "Kepala Kesbangpol menjadi narasumber dalam sosialisasi pendidikan pemilih yang "
        "diselenggarakan KPU bagi pemilih pemula di aula kecamatan."
    ),
    (
        "Rektor universitas negeri menjadi moderator debat publik pasangan calon wali "
        "kota yang disiarkan langsung televisi lokal."
    ),
    (
        "Ketua tim kampanye pasangan calon nomor urut 3 menjadi pembicara utama dalam "
        "kampanye dialogis bersama petani di Desa Cikoneng."
    ),
    (
        "Panitia kampanye akbar pasangan calon bupati menyiapkan panggung dan mengundang "
        "artis ibu kota sebagai pengisi acara."
    ),
    (
        "Kepala desa mengerahkan warga untuk gotong royong membersihkan lokasi TPS sehari "
        "sebelum pemungutan suara."
    ),
    (
        "Kepala Dinas Dukcapil memastikan data KTP warga aman dan tidak pernah diberikan "
        "kepada bakal calon perseorangan mana pun."
    ),
    (
        "Seorang camat yang namanya tercantum dalam berkas dukungan calon perseorangan "
        "mengaku tidak pernah memberikan KTP dan meminta namanya dicoret."
    ),
    (
        "Camat Pagaden mengaku kaget namanya masuk Sipol sebagai anggota partai politik. "
        "Ia tidak pernah mendaftar dan sudah melapor ke KPU."
    ),
    (
        "Pensiunan guru SD di Kecamatan Cibatu terpilih menjadi ketua ranting partai "
        "dalam musyawarah anak cabang, Minggu (3/3)."
    ),
    (
        "Para kepala desa menolak hadir dalam deklarasi relawan salah satu pasangan calon "
        "karena ingin menjaga netralitas."
    ),
    (
        "Bupati tidak menghadiri deklarasi pasangan calon yang diusung partainya karena "
        "sedang bertugas ke luar daerah, kata juru bicara pemkab."
    ),
    (
        "Camat memerintahkan Satpol PP mencabut stiker dan baliho pasangan calon yang "
        "ditempel di gedung kecamatan dan sekolah."
    ),
    (
        "Lurah bersama Panwaslu kelurahan menertibkan bendera partai yang dipasang di "
        "depan kantor kelurahan menjelang masa tenang."
    ),
    "Kepala dinas menjadi narasumber sosialisasi netralitas ASN yang digelar Bawaslu di aula kantor bupati.",
    (
        "Camat membuka secara resmi kegiatan sosialisasi tahapan pilkada yang "
        "diselenggarakan PPK bagi tokoh masyarakat dan pemuda."
    ),
    (
        "Kepala Dinas Pendidikan mengumpulkan seluruh kepala sekolah untuk rapat "
        "persiapan ujian semester, bukan membahas pilkada, kata sekretaris dinas."
    ),
    (
        "Lurah mengajak warga ikut kerja bakti membersihkan lingkungan dan menyiapkan "
        "lokasi TPS menjelang hari pencoblosan."
    ),
    (
        "Kepala sekolah mengundang orang tua murid untuk rapat komite. Dalam rapat itu ia "
        "menegaskan sekolah tidak boleh dipakai untuk kegiatan kampanye."
    ),
    (
        "Bawaslu menyatakan laporan terhadap kepala desa yang disebut memasang baliho "
        "paslon tidak memenuhi unsur pelanggaran karena baliho itu dipasang oleh tim "
        "kampanye."
    ),
    (
        "Kepala desa menyatakan keluar dari keanggotaan partai politik sebelum dilantik, "
        "sesuai aturan yang melarang kades menjadi pengurus partai."
    ),
    (
        "Sejumlah tokoh adat dan ulama Kabupaten Bima menghadiri deklarasi dukungan untuk "
        "pasangan calon gubernur nomor urut 1 di Masjid Agung, Jumat malam."
    ),
    (
        "Organisasi kemasyarakatan pemuda di Kota Serang mendeklarasikan dukungan kepada "
        "calon wali kota petahana. Ketua ormas menyebut keputusan itu hasil musyawarah "
        "anggota."
    ),
    (
        "Ketua RT dan RW di Kelurahan Sukajadi ikut hadir dalam deklarasi relawan "
        "pasangan calon. Bawaslu menyebut ketua RT bukan termasuk ASN sehingga tidak "
        "dilarang."
    ),
    (
        "Mahasiswa dari berbagai kampus menjadi juru bicara dalam kampanye kreatif "
        "pasangan calon gubernur di taman kota, Sabtu sore."
    ),
    (
        "Pengusaha lokal menjadi ketua panitia kampanye akbar calon bupati nomor urut 2 "
        "dan menyiapkan panggung serta hiburan rakyat."
    ),
    (
        "Relawan pasangan calon memasang ratusan bendera dan umbul-umbul di sepanjang "
        "jalan protokol. Ketua relawan menyebut pemasangan sudah mendapat izin."
    ),
    (
        "Pemilik warung di Desa Tanjungsari memasang poster pasangan calon di dinding "
        "warungnya sebagai bentuk dukungan pribadi."
    ),
    (
        "Kader partai memasang baliho calon legislatif di lahan milik pribadi setelah "
        "meminta izin pemilik lahan."
    ),
    (
        "Seorang pengusaha properti resmi menjadi anggota partai politik dan langsung "
        "ditunjuk sebagai bendahara DPD partai."
    ),
    (
        "Artis ibu kota bergabung dengan partai politik dan menerima kartu tanda anggota "
        "dalam acara di kantor DPP partai."
    ),
    (
        "Relawan mengumpulkan fotokopi KTP warga sebagai syarat dukungan bakal calon "
        "perseorangan dari pintu ke pintu di Kecamatan Cikarang."
    ),
    (
        "Warga Desa Jati berbondong-bondong menyerahkan fotokopi KTP kepada tim bakal "
        "calon independen sebagai bentuk dukungan."
    ),
    (
        "Tim pemenangan menggerakkan ribuan relawan untuk mengetuk pintu rumah warga dan "
        "mengajak memilih pasangan calon nomor urut 2."
    ),
    (
        "Ketua partai pengusung menginstruksikan seluruh kader hingga tingkat ranting "
        "untuk memenangkan pasangan calon yang diusung."
    ),
    (
        "Info: bagi warga yang KTP-nya dipakai tanpa izin untuk dukungan calon "
        "perseorangan bisa cek di infopemilu.kpu.go.id dan ajukan tanggapan."
    ),
    (
        "Dukcapil mengingatkan masyarakat agar tidak menyerahkan KTP elektronik kepada "
        "pihak yang tidak jelas menjelang pilkada."
    ),
    (
        "Verifikasi administrasi dukungan bakal pasangan calon perseorangan dinyatakan "
        "memenuhi syarat setelah KPU memeriksa 52.000 dukungan."
    ),
    (
        "Pimpinan partai mengumumkan struktur kepengurusan baru. Sejumlah pengusaha muda "
        "dan tokoh pemuda masuk jajaran pengurus harian."
    ),
    (
        "Surat keputusan pemberhentian seorang PNS yang terbukti menjadi pengurus partai "
        "ditandatangani bupati setelah rekomendasi KASN."
    ),
    (
        "Partai membuka pendaftaran anggota baru secara daring. Syaratnya berusia 17 "
        "tahun, memiliki KTP, dan bukan anggota TNI, Polri, atau ASN."
    ),
    (
        "Acara deklarasi dukungan pasangan calon oleh komunitas ojek online berlangsung "
        "meriah di lapangan Gasibu, Minggu pagi."
    ),
    (
        "KPU menggelar rapat pleno terbuka penetapan pasangan calon. Acara dihadiri "
        "perwakilan partai, Bawaslu, dan Forkopimda."
    ),
    (
        "Pasangan calon bupati menghadiri deklarasi kampanye damai bersama KPU, Bawaslu, "
        "dan seluruh tim pemenangan di alun-alun."
    ),
    (
        "Pj Bupati menjadi pembicara dalam seminar kebangsaan bertema pemilu damai yang "
        "digelar mahasiswa di aula kampus."
    ),
    (
        "Tokoh masyarakat menjadi tuan rumah pertemuan calon bupati dengan warga di "
        "rumahnya, Rabu malam. Calon bupati memaparkan program kesehatan gratis."
    ),
    (
        "Kepala desa mengumpulkan warga untuk musyawarah desa membahas penggunaan dana "
        "desa, dan menegaskan pertemuan itu tidak ada kaitannya dengan pilkada."
    ),
]


def _labels(screener: Screener, text: str) -> set[str]:
    return set(screener.screen(ScreenRequest(text)).labels)


@pytest.mark.parametrize("text", FRESH_NEGATIVES)
def test_fresh_negative_stays_none(text: str) -> None:
    assert set(screen_text(text).labels) == {"none"}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # the pronoun continues an official, or the candidate's sentence is followed by an official's act
        (
            "Camat Sukaraja mengumpulkan para kepala desa di aula kantor kecamatan. "
            "Ia meminta mereka mengajak warga memilih paslon nomor 2.",
            "mobilize_subordinates_or_public",
        ),
        (
            "Calon bupati nomor urut 2 berkampanye di Desa Sukamaju. "
            "Ia didampingi camat yang mengajak warga memilih paslon nomor 2.",
            "mobilize_subordinates_or_public",
        ),
        # a team leader or campaign speaker who is an official
        (
            "Ketua tim yang merupakan lurah aktif mengajak warga memilih paslon nomor 3 di balai kelurahan.",
            "mobilize_subordinates_or_public",
        ),
        (
            (
                "Juru kampanye paslon nomor 1 ternyata seorang kepala dinas yang mengajak warga "
                "memenangkan paslon nomor 1."
            ),
            "mobilize_subordinates_or_public",
        ),
    ],
)
def test_officials_still_found(lexical: Screener, text: str, present: str) -> None:
    assert present in _labels(lexical, text)


@pytest.mark.parametrize(
    "text",
    [
        (
            "Calon wali kota petahana berkampanye di pasar tradisional. Ia meminta dukungan "
            "pedagang agar bisa melanjutkan programnya."
        ),
        (
            "Tim pemenangan menggelar konsolidasi relawan. Ketua tim meminta relawan mengajak "
            "warga memilih paslon nomor 3."
        ),
        (
            "Ribuan simpatisan memadati kampanye akbar paslon nomor urut 1. Juru kampanye "
            "mengajak massa memenangkan paslon nomor 1."
        ),
    ],
)
def test_own_campaigning_continued_stays_none(lexical: Screener, text: str) -> None:
    assert _labels(lexical, text) == {"none"}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "Kampanye rapat umum pasangan calon bupati nomor urut 1 di Kecamatan Batujajar dihadiri "
            "ribuan pendukung. Paslon menyampaikan visi misi di bidang pertanian.",
            None,
        ),
        ("Kampanye calon bupati nomor 2 di Lapangan Desa dipadati ratusan simpatisan.", None),
        # an official among the crowd, or in the next sentence, is still found
        (
            "Kampanye pasangan calon nomor urut 1 dihadiri ratusan pendukung, termasuk Camat Sukaraja "
            "dan sejumlah kepala desa.",
            "attend_campaign",
        ),
        (
            (
                "Kampanye calon bupati nomor 2 dipadati simpatisan. Kepala desa tampak hadir "
                "berjoget di atas panggung."
            ),
            "attend_campaign",
        ),
    ],
)
def test_crowd_of_supporters(lexical: Screener, text: str, present: str | None) -> None:
    labels = _labels(lexical, text)
    assert present in labels if present else labels == {"none"}


@pytest.mark.parametrize(
    "text",
    [
        "Camat mengumpulkan kepala desa dan meminta mereka segera melaporkan jumlah warga yang siap "
        "memilih paslon nomor 2.",
        "Kepala desa menggelar nonton bareng debat yang difasilitasi KPU, lalu mengajak warga memilih "
        "paslon nomor 2.",
    ],
)
def test_report_requests_and_kpu_events_do_not_hide_a_mobilisation(lexical: Screener, text: str) -> None:
    assert "mobilize_subordinates_or_public" in _labels(lexical, text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # the election body's own act does not hide an official it names
        (
            "KPU menemukan camat Sukaraja mengumpulkan fotokopi KTP warga untuk dukungan bakal calon "
            "perseorangan.",
            "support_letter_ktp",
        ),
        (
            "Petugas PPS mendapati kepala desa memasang baliho pasangan calon nomor urut 1 di kantor desa.",
            "install_campaign_props",
        ),
        # a resignation after the act does not undo it
        (
            "Kepala desa itu memasang spanduk paslon nomor 2 di balai desa, setelah mengundurkan diri "
            "sebagai ketua RT.",
            "install_campaign_props",
        ),
    ],
)
def test_election_bodies_and_resignations_keep_officials(lexical: Screener, text: str, present: str) -> None:
    assert present in _labels(lexical, text)


def test_not_yet_left_the_party_is_membership(lexical: Screener) -> None:
    text = (
        "Camat Sukaraja terdaftar sebagai anggota partai politik dan belum keluar dari keanggotaan "
        "partai hingga kini."
    )
    assert "party_membership" in _labels(lexical, text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # village health cadres are no party cadres; a community figure who is a village head is an official
        (
            "Para kader PKK saya minta bantu kenalkan calon kita ke ibu-ibu di setiap dusun.",
            "mobilize_subordinates_or_public",
        ),
        (
            "Tokoh masyarakat yang juga kepala desa aktif memasang baliho pasangan calon nomor urut 2 di "
            "pagar balai desa.",
            "install_campaign_props",
        ),
    ],
)
def test_citizens_acts_do_not_hide_officials(lexical: Screener, text: str, present: str) -> None:
    assert present in _labels(lexical, text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a passive act by a team or volunteers still misuses a state facility; an official agent still counts
        (
            "Baliho pasangan calon nomor urut 1 dipasang oleh relawan di pagar kantor desa.",
            "use_state_facilities",
        ),
        (
            "Spanduk pasangan calon nomor urut 2 dipasang oleh kepala desa bersama relawan di jalan desa.",
            "install_campaign_props",
        ),
        (
            "Deklarasi dukungan untuk paslon nomor 3 oleh komunitas guru honorer dihadiri sejumlah "
            "kepala sekolah.",
            "declaration_attendance",
        ),
    ],
)
def test_passive_agents_keep_facilities_and_officials(lexical: Screener, text: str, present: str) -> None:
    assert present in _labels(lexical, text)
