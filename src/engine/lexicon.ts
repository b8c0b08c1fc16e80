// The engine's vocabulary: what words mean, not what the test questions say. Each concept is
// a slot of a question (what is measured, of which sector, which kind of figure, which topic)
// with the phrases people use for it in Vietnamese (with or without diacritics, with chat
// abbreviations) and in English. Phrases are folded when the index is built.

export type Slot =
  | "measure" // which quantity or subject matter (GRDP, forest planting, petitions…)
  | "subject" // which part of it (a sector, national target programmes, a recipient of petitions)
  | "kind" // growth vs share vs absolute value vs % of plan vs change on the same period
  | "origin" // long-standing vs new (petitions)
  | "topic" // what a statement is about (difficulties, tasks, assessment…)
  | "role" // a person's role (head of the delegation, chairman…)
  | "absent" // a measure the report never gives (population, poverty rate…)
  | "ignore"; // words that look like a topic but only refer to the report itself ("theo báo cáo")

export interface Concept {
  id: string;
  slot: Slot;
  phrases: string[];
  /** Concepts a phrase of this one brings along ("tăng trưởng kinh tế" is GRDP and growth). */
  implies?: string[];
  /** For absent measures: how to name it in the refusal. */
  label?: { vi: string; en: string };
  /** For subjects: the family a subject belongs to; two subjects of one family exclude each other. */
  family?: string;
}

export const concepts: Concept[] = [
  // ---- measures ----
  {
    id: "grdp",
    slot: "measure",
    phrases: ["grdp", "gdp", "tổng sản phẩm trên địa bàn", "tổng sản phẩm", "gross regional domestic product", "gross domestic product", "nền kinh tế", "kinh tế tỉnh", "economy", "economic"],
  },
  {
    id: "grdp",
    slot: "measure",
    phrases: ["tăng trưởng kinh tế", "tốc độ tăng trưởng kinh tế", "kinh tế tăng trưởng", "tăng trưởng grdp", "economic growth", "economy grow", "economy grew"],
    implies: ["growth"],
  },
  {
    id: "grdp",
    slot: "measure",
    phrases: ["cơ cấu kinh tế", "cơ cấu ngành", "cơ cấu grdp", "cơ cấu các ngành", "chuyển dịch cơ cấu", "economic structure", "structure of the economy", "share of the economy", "share of grdp"],
    implies: ["share"],
  },
  {
    id: "grdp-per-capita",
    slot: "measure",
    phrases: ["bình quân đầu người", "grdp bình quân", "grdp đầu người", "bình quân", "mỗi người dân", "mỗi người", "trên mỗi người", "grdp người", "grdp trên người", "trên đầu người", "thu nhập bình quân đầu người theo grdp", "đầu người", "bình quân mỗi người", "per capita", "per head", "per person"],
  },
  {
    id: "loans",
    slot: "measure",
    phrases: ["vay ưu đãi", "vốn vay ưu đãi", "hỗ trợ vay", "cho vay", "vốn vay", "khoản vay", "tín dụng ưu đãi", "vay vốn", "vay", "preferential loans", "preferential loan", "preferential credit", "concessional loans", "loans", "loan", "lending", "credit"],
  },
  {
    id: "cooperatives",
    slot: "measure",
    phrases: ["hợp tác xã", "htx", "hợp tác xã mới", "cooperatives", "cooperative", "co-operatives", "co-ops", "coops"],
  },
  {
    id: "branding",
    slot: "measure",
    phrases: ["phát triển thương hiệu", "thương hiệu", "mở rộng thị trường", "thị trường", "đối tượng", "branding", "brand", "brands", "market expansion", "beneficiaries"],
  },
  { id: "ocop", slot: "measure", phrases: ["ocop", "sản phẩm ocop", "mỗi xã một sản phẩm", "one commune one product"] },
  {
    id: "afforestation",
    slot: "measure",
    phrases: ["trồng rừng mới", "trồng rừng", "trồng mới rừng", "rừng trồng mới", "rừng trồng", "diện tích rừng trồng", "diện tích trồng rừng", "trồng mới", "rừng", "trồng cây", "afforestation", "reforestation", "forest planting", "planted forest", "forest", "forests", "trees planted", "tree planting", "planted"],
  },
  {
    id: "new-rural",
    slot: "measure",
    phrases: ["nông thôn mới", "xã nông thôn mới", "xã đạt chuẩn", "đạt chuẩn nông thôn mới", "chuẩn nông thôn mới", "ntm", "new rural", "new-rural", "new-style rural", "new rural standards", "new rural standard", "rural standards", "rural development standards", "communes"],
  },
  {
    id: "disbursement",
    slot: "measure",
    phrases: ["giải ngân", "tỷ lệ giải ngân", "giải ngân vốn", "giải ngân vốn đầu tư", "giải ngân vốn đầu tư công", "vốn đầu tư được giao", "disbursement", "disbursed", "disburse", "disbursing", "capital disbursement"],
  },
  {
    id: "key-projects",
    slot: "measure",
    phrases: ["dự án trọng điểm", "công trình trọng điểm", "dự án lớn", "trọng điểm", "dự án", "key projects", "key project", "major projects", "flagship projects"],
  },
  {
    id: "import-export",
    slot: "measure",
    phrases: ["xuất nhập khẩu", "xuất khẩu và nhập khẩu", "xuất khẩu nhập khẩu", "xuất nhập", "kim ngạch", "kim ngạch xuất nhập khẩu", "tổng kim ngạch", "xnk", "thương mại", "ngoại thương", "hàng hoá qua địa bàn", "import-export", "import export", "imports and exports", "exports and imports", "import and export", "export and import", "trade turnover", "trade", "turnover", "foreign trade"],
  },
  {
    id: "petitions",
    slot: "measure",
    phrases: ["kiến nghị", "kiến nghị đề xuất", "đề xuất kiến nghị", "kn", "petition", "petitions", "recommendations", "requests", "proposals", "requested items"],
  },

  // ---- subjects (one family each: a question about services excludes figures about industry) ----
  {
    id: "sector-agriculture",
    slot: "subject",
    family: "sector",
    phrases: ["nông lâm nghiệp", "nông lâm thuỷ sản", "nông lâm ngư nghiệp", "nông lâm thủy sản", "nông nghiệp", "lâm nghiệp", "thuỷ sản", "ngư nghiệp", "nông lâm", "khu vực nông nghiệp", "khu vực i", "agriculture", "agricultural", "farming", "forestry", "fishery", "fisheries", "agro-forestry", "primary sector"],
  },
  {
    id: "sector-industry",
    slot: "subject",
    family: "sector",
    phrases: ["công nghiệp xây dựng", "công nghiệp và xây dựng", "công nghiệp", "xây dựng", "cnxd", "khu vực công nghiệp", "khu vực ii", "industry", "industrial", "construction", "manufacturing", "secondary sector"],
  },
  {
    id: "sector-services",
    slot: "subject",
    family: "sector",
    phrases: ["dịch vụ", "khu vực dịch vụ", "ngành dịch vụ", "khu vực iii", "dv", "services", "service", "service sector", "tertiary sector"],
  },
  {
    id: "sector-product-taxes",
    slot: "subject",
    family: "sector",
    phrases: ["thuế sản phẩm trừ trợ cấp sản phẩm", "thuế sản phẩm trừ trợ cấp", "thuế sản phẩm", "trợ cấp sản phẩm", "thuế", "product taxes", "taxes less subsidies", "taxes on products", "taxes"],
  },
  {
    id: "sector-any",
    slot: "subject",
    family: "sector",
    phrases: ["các ngành", "từng ngành", "theo ngành", "các lĩnh vực", "từng lĩnh vực", "các khu vực", "từng khu vực", "khu vực kinh tế", "ngành", "lĩnh vực", "sectors", "each sector", "by sector", "sectoral", "the sectors"],
  },
  {
    id: "national-programmes",
    slot: "subject",
    family: "programme",
    phrases: ["chương trình mục tiêu quốc gia", "mục tiêu quốc gia", "ctmtqg", "mtqg", "national target programmes", "national target programme", "national target programs", "national target program", "national target"],
  },
  { id: "recipient-government", slot: "subject", family: "recipient", phrases: ["chính phủ", "cp", "government", "the government"] },
  {
    id: "recipient-ministries",
    slot: "subject",
    family: "recipient",
    phrases: ["bộ ngành", "các bộ ngành", "các bộ", "bộ ngành trung ương", "bộ", "ministries", "ministry", "ministerial", "the ministries"],
  },

  // ---- kinds of figure ----
  {
    id: "growth",
    slot: "kind",
    phrases: ["tăng trưởng", "tốc độ tăng", "tốc độ tăng trưởng", "tăng", "tốc độ", "mức tăng", "growth", "growth rate", "grow", "grew", "increase", "increased", "rise", "rose", "expand", "expanded"],
  },
  {
    id: "share",
    slot: "kind",
    phrases: ["chiếm", "tỷ trọng", "chiếm tỷ trọng", "cơ cấu", "tỷ lệ trong cơ cấu", "share", "shares", "proportion", "structure", "account for", "accounted for", "accounts for", "makes up", "made up"],
  },
  {
    id: "change",
    slot: "kind",
    phrases: ["so với cùng kỳ", "cùng kỳ", "so cùng kỳ", "so với năm trước", "year on year", "year-on-year", "same period", "compared with the same period", "compared to the same period", "on the same period"],
  },
  {
    id: "percent-of-plan",
    slot: "kind",
    phrases: ["kế hoạch", "% kế hoạch", "phần trăm kế hoạch", "so với kế hoạch", "kế hoạch vốn", "of plan", "of the plan", "against plan", "planned", "capital plan"],
  },

  // ---- petition origin ----
  {
    id: "origin-long-standing",
    slot: "origin",
    phrases: ["tồn đọng", "còn tồn đọng", "nhiều năm", "kéo dài", "chưa được xử lý", "chưa xử lý", "chưa được giải quyết", "chưa giải quyết", "cũ", "lâu năm", "long-standing", "long standing", "outstanding", "unresolved", "backlog", "old"],
  },
  { id: "origin-new", slot: "origin", phrases: ["kiến nghị mới", "mới", "new"] },

  // ---- topics of statements and petition subject matter ----
  {
    id: "situation",
    slot: "topic",
    phrases: ["tình hình kinh tế xã hội", "kinh tế xã hội", "tình hình chung", "tình hình phát triển", "bức tranh kinh tế", "phục hồi", "kt xh", "ktxh", "socio-economic", "socioeconomic", "socio economic", "overall situation", "recovery", "recover"],
  },
  { id: "situation-word", slot: "topic", phrases: ["tình hình", "diễn biến", "situation", "overview", "như thế nào", "ra sao", "thế nào"] },
  {
    id: "assessment",
    slot: "topic",
    phrases: ["đánh giá cao", "đánh giá", "ghi nhận", "khen", "khen ngợi", "biểu dương", "điểm sáng", "thành tích", "làm tốt", "làm rất tốt", "nổi bật", "praised", "praise", "commended", "appreciated", "recognised", "recognized", "did well", "done well", "strengths", "highly"],
  },
  {
    id: "border-trade",
    slot: "topic",
    phrases: ["cửa khẩu", "thông thương", "biên giới", "trung quốc", "asean", "covid", "border gate", "border gates", "border", "china", "cross-border"],
  },
  {
    id: "difficulty",
    slot: "topic",
    phrases: ["khó khăn", "vướng mắc", "hạn chế", "tồn tại", "thách thức", "điểm nghẽn", "bất cập", "trở ngại", "difficulties", "difficulty", "challenges", "challenge", "obstacles", "problems", "bottlenecks", "weaknesses", "hurdles"],
  },
  {
    id: "task",
    slot: "topic",
    phrases: ["nhiệm vụ", "thời gian tới", "sắp tới", "giải pháp", "đề nghị", "yêu cầu", "chỉ đạo", "cần làm", "phải làm", "định hướng", "tasks", "task", "next steps", "going forward", "directions", "directed", "asked the province", "requested the province", "what should", "what must"],
  },
  { id: "public-investment", slot: "topic", phrases: ["đầu tư công", "vốn đầu tư công", "đtc", "public investment", "public capital", "state capital"] },
  { id: "speed-up", slot: "topic", phrases: ["đẩy nhanh", "thi công", "tiến độ", "speed up", "accelerate", "construction progress"] },
  { id: "wish", slot: "topic", phrases: ["mong muốn", "mong", "đề đạt", "wish", "wishes", "hoped", "hope"] },
  { id: "conclusion", slot: "topic", phrases: ["kết luận", "phát biểu kết luận", "conclusion", "conclusions", "concluded", "concluding"] },
  { id: "preparation", slot: "topic", phrases: ["công tác chuẩn bị", "chuẩn bị", "preparation", "prepared"] },
  { id: "restructuring", slot: "topic", phrases: ["tái cơ cấu", "tái cơ cấu ngành nông nghiệp", "tái cơ cấu nông nghiệp", "restructuring", "restructure"] },
  { id: "special-policies", slot: "topic", phrases: ["chính sách đặc thù", "liên kết sản xuất", "tiêu thụ sản phẩm", "phát triển hợp tác", "special policies", "special policy", "production linkage"] },
  {
    id: "infrastructure",
    slot: "topic",
    phrases: ["hạ tầng giao thông", "kết cấu hạ tầng", "hạ tầng", "giao thông", "infrastructure", "transport", "transportation", "roads"],
  },
  {
    id: "reform",
    slot: "topic",
    phrases: ["cải cách thủ tục hành chính", "cải cách hành chính", "thủ tục hành chính", "chuyển đổi số", "môi trường đầu tư kinh doanh", "môi trường kinh doanh", "administrative reform", "digital transformation", "business environment"],
  },
  { id: "investment-attraction", slot: "topic", phrases: ["thu hút đầu tư", "kêu gọi đầu tư", "attracting investment", "attract investment", "investment attraction"] },
  { id: "planning", slot: "topic", phrases: ["quy hoạch", "planning"] },
  { id: "site-clearance", slot: "topic", phrases: ["giải phóng mặt bằng", "gpmb", "mặt bằng", "site clearance", "land clearance", "land clearing"] },
  { id: "land-use", slot: "topic", phrases: ["chuyển đổi mục đích sử dụng đất", "đất lúa", "đất rừng", "sử dụng đất", "đất trồng lúa", "đất", "land use", "rice land", "paddy land", "forest land", "land"] },
  { id: "legal-framework", slot: "topic", phrases: ["hệ thống văn bản", "văn bản", "cơ chế chính sách", "cơ chế", "chính sách", "hoàn thiện", "legal documents", "regulations", "mechanisms", "policies", "policy"] },
  {
    id: "petition-fields",
    slot: "topic",
    phrases: ["kế hoạch đầu tư", "tài nguyên môi trường", "tài nguyên và môi trường", "tài nguyên", "môi trường", "nông nghiệp và phát triển nông thôn", "phát triển nông thôn", "planning and investment", "natural resources", "environment", "rural development"],
  },
  {
    id: "petition-outcome",
    slot: "topic",
    phrases: ["trả lời", "giải đáp", "phản hồi", "xử lý", "giải quyết", "kết quả", "tiếp thu", "bằng văn bản", "văn bản trả lời", "tình trạng", "trạng thái", "đến đâu", "answered", "answer", "reply", "replied", "response", "respond", "handled", "resolved", "status", "in writing", "outcome"],
  },
  { id: "report-to-government", slot: "topic", phrases: ["báo cáo chính phủ", "tổng hợp báo cáo", "báo cáo", "tổng hợp", "report to the government", "report to government", "report back"] },
  { id: "the-report", slot: "ignore", phrases: ["theo báo cáo", "trong báo cáo", "báo cáo cho biết", "báo cáo tại buổi làm việc", "báo cáo nêu", "according to the report", "the report", "in the report"] },
  { id: "agri-support", slot: "topic", phrases: ["hỗ trợ", "support", "supported"] },

  // ---- people and roles ----
  {
    id: "role-head",
    slot: "role",
    phrases: ["trưởng đoàn", "trưởng đoàn công tác", "trưởng đoàn công tác của chính phủ", "trưởng đoàn công tác chính phủ", "người đứng đầu đoàn", "dẫn đầu đoàn", "chủ trì", "chủ trì buổi làm việc", "dẫn đầu", "đứng đầu", "head of the delegation", "head of the working delegation", "delegation head", "headed", "led", "lead", "leader", "leads"],
  },
  { id: "delegation", slot: "role", phrases: ["đoàn công tác", "đoàn công tác của chính phủ", "đoàn công tác chính phủ", "đoàn chính phủ", "đoàn", "delegation", "working delegation", "government delegation"] },
  { id: "role-minister", slot: "role", phrases: ["bộ trưởng", "minister"] },
  { id: "ministry-health", slot: "role", phrases: ["bộ y tế", "y tế", "ministry of health", "health minister", "health ministry", "minister of health"] },
  {
    id: "role-chairman",
    slot: "role",
    phrases: ["chủ tịch ubnd tỉnh", "chủ tịch ubnd", "chủ tịch uỷ ban nhân dân tỉnh", "chủ tịch uỷ ban nhân dân", "chủ tịch tỉnh", "chủ tịch", "chairman", "chairwoman", "chair", "president of the provincial people's committee", "provincial chairman"],
  },
  { id: "ubnd", slot: "role", phrases: ["ubnd", "ubnd tỉnh", "uỷ ban nhân dân", "uỷ ban nhân dân tỉnh", "people's committee", "peoples committee", "provincial people's committee"] },
  { id: "ministry-defence", slot: "role", phrases: ["bộ quốc phòng", "quốc phòng", "ministry of national defence", "ministry of defence", "ministry of defense", "defence", "defense", "military"] },
  { id: "party-member", slot: "role", phrases: ["uỷ viên trung ương đảng", "uỷ viên trung ương", "trung ương đảng", "central committee", "party central committee"] },
  { id: "position", slot: "role", phrases: ["chức vụ", "chức danh", "vai trò", "cương vị", "giữ chức", "bộ nào", "ngành nào", "position", "role", "title", "job", "which ministry", "what ministry", "which office"] },
  { id: "participants", slot: "role", phrases: ["tham dự", "phát biểu", "đại diện", "thành phần", "attended", "spoke", "speakers", "representative", "participants"] },

  // ---- what the report never gives: asked about, the answer is "not found", never a neighbour ----
  { id: "absent-population", slot: "absent", label: { vi: "dân số", en: "population" }, phrases: ["dân số", "số dân", "population", "inhabitants"] },
  { id: "absent-income", slot: "absent", label: { vi: "thu nhập", en: "income" }, phrases: ["thu nhập", "thu nhập bình quân", "lương", "income", "wage", "wages", "salary"] },
  { id: "absent-poverty", slot: "absent", label: { vi: "hộ nghèo", en: "poverty" }, phrases: ["hộ nghèo", "tỷ lệ hộ nghèo", "nghèo", "giảm nghèo", "cận nghèo", "poverty", "poor households", "poor"] },
  { id: "absent-budget", slot: "absent", label: { vi: "thu, chi ngân sách", en: "budget revenue and spending" }, phrases: ["ngân sách", "thu ngân sách", "chi ngân sách", "nsnn", "thu nội địa", "budget", "revenue", "revenues", "tax revenue", "spending"] },
  { id: "absent-fdi", slot: "absent", label: { vi: "vốn đầu tư nước ngoài (FDI)", en: "foreign direct investment" }, phrases: ["fdi", "đầu tư nước ngoài", "vốn nước ngoài", "đầu tư trực tiếp nước ngoài", "foreign investment", "foreign direct investment"] },
  { id: "absent-export-only", slot: "absent", label: { vi: "riêng kim ngạch xuất khẩu", en: "exports on their own" }, phrases: ["xuất khẩu", "export", "exports", "exported"] },
  { id: "absent-import-only", slot: "absent", label: { vi: "riêng kim ngạch nhập khẩu", en: "imports on their own" }, phrases: ["nhập khẩu", "import", "imports", "imported"] },
  { id: "absent-labour", slot: "absent", label: { vi: "lao động, việc làm", en: "labour and jobs" }, phrases: ["thất nghiệp", "việc làm", "lao động", "người lao động", "unemployment", "jobs", "employment", "labour", "labor", "workers"] },
  { id: "absent-prices", slot: "absent", label: { vi: "giá cả, lạm phát", en: "prices and inflation" }, phrases: ["lạm phát", "cpi", "chỉ số giá", "giá cả", "giá vàng", "tỷ giá", "lãi suất", "inflation", "prices", "price", "exchange rate", "interest rate", "gold price"] },
  { id: "absent-tourism", slot: "absent", label: { vi: "du lịch", en: "tourism" }, phrases: ["du lịch", "khách du lịch", "lượt khách", "tourism", "tourists", "tourist", "visitors"] },
  { id: "absent-weather", slot: "absent", label: { vi: "thời tiết", en: "weather" }, phrases: ["thời tiết", "nhiệt độ", "mưa", "nắng", "weather", "temperature", "rain"] },
  { id: "absent-enterprises", slot: "absent", label: { vi: "số doanh nghiệp", en: "number of enterprises" }, phrases: ["doanh nghiệp thành lập mới", "doanh nghiệp mới", "số doanh nghiệp", "số lượng doanh nghiệp", "new enterprises", "number of enterprises", "number of businesses"] },
  { id: "absent-retail", slot: "absent", label: { vi: "bán lẻ, tiêu dùng", en: "retail sales" }, phrases: ["bán lẻ", "tổng mức bán lẻ", "tiêu dùng", "retail", "consumption"] },
  { id: "absent-output", slot: "absent", label: { vi: "sản lượng, năng suất", en: "output and yields" }, phrases: ["sản lượng", "năng suất", "sản lượng lúa", "lương thực", "output", "yield", "yields", "harvest"] },
  { id: "absent-social", slot: "absent", label: { vi: "giáo dục, y tế (số liệu)", en: "education and health statistics" }, phrases: ["trường học", "học sinh", "giáo viên", "bệnh viện", "bác sĩ", "giường bệnh", "tuổi thọ", "tiêm chủng", "số ca", "ca mắc", "schools", "students", "teachers", "hospitals", "doctors", "hospital beds", "life expectancy", "vaccination", "cases"] },
  { id: "absent-area", slot: "absent", label: { vi: "diện tích tự nhiên của tỉnh", en: "the province's area" }, phrases: ["diện tích tự nhiên", "diện tích tỉnh", "rộng bao nhiêu", "land area", "area of the province"] },
  { id: "absent-electricity", slot: "absent", label: { vi: "điện, nước", en: "power and water" }, phrases: ["điện", "nước sạch", "electricity", "power supply"] },
  {
    id: "absent-role",
    slot: "absent",
    label: { vi: "chức danh này", en: "that office" },
    phrases: ["phó chủ tịch", "phó trưởng đoàn", "thứ trưởng", "phó thủ tướng", "thủ tướng", "bí thư", "bí thư tỉnh uỷ", "tỉnh uỷ", "hội đồng nhân dân", "hđnd", "giám đốc sở", "giám đốc", "deputy", "vice", "vice chairman", "party secretary", "secretary", "prime minister", "governor"],
  },
  { id: "absent-land-cover", slot: "absent", label: { vi: "tỷ lệ che phủ rừng, đô thị hoá", en: "forest cover and urbanisation rates" }, phrases: ["che phủ rừng", "độ che phủ", "tỷ lệ che phủ", "che phủ", "đô thị hoá", "tỷ lệ đô thị hoá", "forest cover", "urbanisation", "urbanization"] },
  { id: "absent-crime", slot: "absent", label: { vi: "an ninh trật tự, tội phạm", en: "crime" }, phrases: ["tội phạm", "tai nạn giao thông", "tai nạn", "crime", "accidents"] },
];

/** Vietnamese ministries and agencies, to tell a named organisation the report mentions from one it does not. */
export const ministries: string[] = [
  "bộ tài chính", "bộ công an", "bộ ngoại giao", "bộ nội vụ", "bộ tư pháp", "bộ kế hoạch và đầu tư", "bộ công thương",
  "bộ nông nghiệp và phát triển nông thôn", "bộ nông nghiệp", "bộ giao thông vận tải", "bộ giao thông", "bộ xây dựng",
  "bộ tài nguyên và môi trường", "bộ tài nguyên", "bộ thông tin và truyền thông", "bộ lao động thương binh và xã hội",
  "bộ lao động", "bộ văn hoá thể thao và du lịch", "bộ văn hoá", "bộ khoa học và công nghệ", "bộ giáo dục và đào tạo",
  "bộ giáo dục", "ngân hàng nhà nước", "thanh tra chính phủ", "uỷ ban dân tộc", "văn phòng chính phủ", "bộ dân tộc và tôn giáo",
  "bộ nông nghiệp và môi trường", "bộ khoa học", "ministry of finance", "ministry of public security", "ministry of foreign affairs",
  "ministry of home affairs", "ministry of justice", "ministry of planning and investment", "ministry of industry and trade",
  "ministry of agriculture", "ministry of transport", "ministry of construction", "ministry of natural resources",
  "ministry of education", "ministry of labour", "ministry of culture", "ministry of science", "state bank",
  "finance minister", "foreign minister", "education minister", "defence minister", "defense minister", "transport minister",
];

/** The 63 provinces and centrally-run cities (before the 2025 mergers), to recognise a province named in a question. */
export const provinces: string[] = [
  "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
  "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
  "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hoà Bình",
  "Hưng Yên", "Khánh Hoà", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định",
  "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
  "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hoá", "Thừa Thiên Huế", "Huế",
  "Tiền Giang", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "TP HCM", "Hồ Chí Minh", "Sài Gòn", "Trà Vinh", "Tuyên Quang",
  "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
];

/** Common Vietnamese family names: a capitalised run starting with one is a person's name. */
export const surnames: string[] = [
  "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
  "đào", "đinh", "mai", "trịnh", "lương", "tạ", "chu", "lâm", "đoàn", "vương", "trương", "kiều", "quách", "tô", "lưu",
  "thái", "triệu", "hà", "nông", "lò", "vi", "hứa", "lục",
];

/** Chat abbreviations and spellings, expanded token by token (folded forms). */
export const abbreviations: Record<string, string> = {
  bn: "bao nhiêu",
  bnh: "bao nhiêu",
  bnhieu: "bao nhiêu",
  baonhieu: "bao nhiêu",
  bao_nhieu: "bao nhiêu",
  nhiu: "nhiêu",
  ko: "không",
  k: "không",
  kh: "không",
  hok: "không",
  hem: "không",
  khum: "không",
  j: "gì",
  gi: "gì",
  ntn: "như thế nào",
  dc: "được",
  đc: "được",
  đk: "được",
  vs: "với",
  sp: "sản phẩm",
  xnk: "xuất nhập khẩu",
  ntm: "nông thôn mới",
  htx: "hợp tác xã",
  ctmtqg: "chương trình mục tiêu quốc gia",
  mtqg: "mục tiêu quốc gia",
  gpmb: "giải phóng mặt bằng",
  cnxd: "công nghiệp xây dựng",
  cn: "công nghiệp",
  xd: "xây dựng",
  dv: "dịch vụ",
  nn: "nông nghiệp",
  ubnd: "uỷ ban nhân dân",
  ktxh: "kinh tế xã hội",
  kt: "kinh tế",
  xh: "xã hội",
  cp: "chính phủ",
  tw: "trung ương",
  bq: "bình quân",
  bqđn: "bình quân đầu người",
  bqdn: "bình quân đầu người",
  đtc: "đầu tư công",
  dtc: "đầu tư công",
  đt: "đầu tư",
  tr: "triệu",
  ti: "tỷ",
  tỉ: "tỷ",
  ha: "ha",
  q1: "quý 1",
  q2: "quý 2",
  q3: "quý 3",
  q4: "quý 4",
  t4: "tháng 4",
  nsnn: "ngân sách",
  tp: "thành phố",
  tt: "tăng trưởng",
  ls: "lạng sơn",
};

/** Words that carry no topic: question words, particles, politeness, pronouns. Folded. */
export const fillerWords: string[] = (
  "a à á ạ ả ah ạh ơi oi nhé nhe nha nhá hả ha hử vậy vay thế the thì thi là la của cua và va với voi cho ve về ở o tại tai " +
  "trong những nhung các cac mọi moi một mot này nay đó do đấy day kia đã da đang dang sẽ se được duoc bị bi có co không khong " +
  "chưa chua rồi roi hay hoặc hoac nào nao gì ai đâu dau sao bao nhiêu nhieu mấy may bạn ban mình minh tôi toi em anh chị chi " +
  "ông ong bà ba cô co xin hỏi hoi biết biet vui lòng long làm ơn lam giúp giup cho biết tỉnh tinh lạng sơn lang son là la " +
  "như nhu thế nào ra đạt dat được mức muc con còn thì số so tổng tong cụ thể cu the hiện hien nay đến den hết het tính tinh " +
  "trên tren địa bàn dia ban toàn toan khoảng khoang tầm tam chừng chung lắm lam rất rat cả ca nữa nua luôn luon vừa vua " +
  "qua năm nam tháng thang quý quy đầu dau ngày ngay kỳ ky thời gian gian lúc luc khi nói noi muốn muon xem cần can " +
  "the a an of in on at to for by with from and or is are was were be been being what which who whom whose how many much " +
  "did does do has have had will would can could should please tell me us i you we they it its this that these those " +
  "there their about over during as than then so not no yes any some all each per province provincial lang son s " +
  "điều dieu cái cai việc viec tên ten gọi goi họ ho đi di lại lai ra vào vao lên len xuống xuong thôi thoi chứ chu mà ma nên nen vì vi bởi boi nếu neu"
)
  .split(/\s+/)
  .filter(Boolean);
