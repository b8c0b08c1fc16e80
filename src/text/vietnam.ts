// Names of the country's institutions that any report of the genre uses: provinces, family
// names, offices and ministries, with their English names. General knowledge, not one report's.

/** The 63 provinces and centrally-run cities (before the 2025 mergers; the merged ones keep these names). */
export const PROVINCES: string[] = [
  "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
  "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
  "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hoà Bình",
  "Hưng Yên", "Khánh Hoà", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định",
  "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
  "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hoá", "Thừa Thiên Huế", "Huế",
  "Tiền Giang", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP.HCM", "TPHCM", "TP HCM", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
  "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
];

/** Family names: a capitalised run of words starting with one is a person's name. */
export const SURNAMES: string[] = [
  "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
  "đào", "đinh", "mai", "trịnh", "lương", "tạ", "chu", "lâm", "đoàn", "vương", "trương", "kiều", "quách", "tô", "lưu",
  "thái", "triệu", "hà", "nông", "lò", "vi", "hứa", "lục", "hầu", "giàng", "sùng", "thào", "lầu", "mùa", "cao", "văn",
  "tống", "khúc", "khuất", "quan", "ma", "y", "nay", "phùng", "đàm", "âu", "lại", "mạc", "tăng", "thân", "từ", "doãn",
  "giáp", "lò", "cầm", "điêu", "bế", "hoàng", "la", "lã", "ông", "ninh", "tôn", "khổng", "kim", "mẫn", "nghiêm", "chử",
];

/** Words an office begins with; what follows (Bộ …, UBND tỉnh, Tỉnh ủy…) names where it is held. */
export const OFFICE_HEADS: string[] = [
  "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ nhiệm",
  "Phó Chủ nhiệm", "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Ủy viên", "Uỷ viên", "Trưởng đoàn", "Phó Trưởng đoàn",
  "Trưởng ban", "Phó Trưởng ban", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Tổng cục trưởng", "Cục trưởng", "Vụ trưởng",
  "Thống đốc", "Phó Thống đốc", "Tổng Thanh tra", "Chánh Văn phòng", "Chánh văn phòng", "Đại biểu Quốc hội", "Trưởng Đoàn đại biểu Quốc hội",
  "Phó Trưởng Đoàn đại biểu Quốc hội", "Đại diện", "Chủ tịch HĐND", "Chủ tịch UBND", "Tư lệnh", "Giám đốc Sở", "Bí thư Thành ủy", "Bí thư Tỉnh ủy",
  "Trợ lý", "Thư ký", "Tổng Thư ký", "Người phát ngôn",
];

/** Ministries and central agencies, with their English names (folded matching happens elsewhere). */
export const MINISTRIES: [string, string][] = [
  ["Bộ Tài chính", "Ministry of Finance"], ["Bộ Công an", "Ministry of Public Security"], ["Bộ Quốc phòng", "Ministry of National Defence"],
  ["Bộ Ngoại giao", "Ministry of Foreign Affairs"], ["Bộ Nội vụ", "Ministry of Home Affairs"], ["Bộ Tư pháp", "Ministry of Justice"],
  ["Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"], ["Bộ Công Thương", "Ministry of Industry and Trade"],
  ["Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"], ["Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"],
  ["Bộ Giao thông vận tải", "Ministry of Transport"], ["Bộ Xây dựng", "Ministry of Construction"], ["Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"],
  ["Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"], ["Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs"],
  ["Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"], ["Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"],
  ["Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"], ["Bộ Y tế", "Ministry of Health"], ["Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs"],
  ["Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs"], ["Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"], ["Ngân hàng Nhà nước", "State Bank of Vietnam"],
  ["Thanh tra Chính phủ", "Government Inspectorate"], ["Văn phòng Chính phủ", "Office of the Government"],
];

/** Offices and bodies in English, longest first when applied: for roles in English answers. */
export const ROLE_WORDS_EN: [string, string][] = [
  ["Ủy viên dự khuyết Trung ương Đảng", "Alternate Member of the Party Central Committee"], ["Uỷ viên dự khuyết Trung ương Đảng", "Alternate Member of the Party Central Committee"],
  ["Ủy viên Bộ Chính trị", "Politburo Member"], ["Uỷ viên Bộ Chính trị", "Politburo Member"],
  ["Ủy viên Trung ương Đảng", "Member of the Party Central Committee"], ["Uỷ viên Trung ương Đảng", "Member of the Party Central Committee"],
  ["Phó Bí thư Thường trực Tỉnh ủy", "Standing Deputy Secretary of the Provincial Party Committee"], ["Phó Bí thư Thường trực Tỉnh uỷ", "Standing Deputy Secretary of the Provincial Party Committee"],
  ["Phó Bí thư Tỉnh ủy", "Deputy Secretary of the Provincial Party Committee"], ["Phó Bí thư Tỉnh uỷ", "Deputy Secretary of the Provincial Party Committee"],
  ["Bí thư Tỉnh ủy", "Secretary of the Provincial Party Committee"], ["Bí thư Tỉnh uỷ", "Secretary of the Provincial Party Committee"],
  ["Chủ tịch UBND tỉnh", "Chairman of the Provincial People's Committee"], ["Phó Chủ tịch UBND tỉnh", "Vice Chairman of the Provincial People's Committee"],
  ["Chủ tịch HĐND tỉnh", "Chairman of the Provincial People's Council"], ["Phó Chủ tịch HĐND tỉnh", "Vice Chairman of the Provincial People's Council"],
  ["Thủ tướng Chính phủ", "Prime Minister"], ["Phó Thủ tướng Chính phủ", "Deputy Prime Minister"], ["Phó Thủ tướng", "Deputy Prime Minister"], ["Thủ tướng", "Prime Minister"],
  ["Trưởng đoàn công tác của Chính phủ", "Head of the Government working delegation"], ["Trưởng đoàn", "Head of the delegation"],
  ["Bộ trưởng, Chủ nhiệm", "Minister, Chairman of"], ["Bộ trưởng", "Minister"], ["Thứ trưởng", "Deputy Minister"], ["Chủ nhiệm", "Chairman of"],
  ["Đại diện", "Representative of"], ["Giám đốc Sở", "Director of the Department of"], ["Chủ tịch", "Chairman"],
];
