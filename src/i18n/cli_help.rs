//! The command line's help in Vietnamese: every command and argument of `tiepdan`, by its path
//! (`src/cli/help.rs` lays it over the clap definitions, whose doc comments are the English).
//! A test fails when a command or an argument has no Vietnamese here, or when a line here
//! names nothing.

/// The help's frame.
pub const USAGE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
pub const HEADING_COMMANDS: &str = "Lệnh";
pub const HEADING_ARGS: &str = "Đối số";
pub const HEADING_OPTIONS: &str = "Tùy chọn";
pub const COMMAND_VALUE: &str = "LỆNH";
pub const OPTIONS_VALUE: &str = "[TÙY CHỌN]";

/// The Vietnamese of a command or an argument, by its key.
pub fn vi(key: &str) -> Option<&'static str> {
    VI.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

pub const VI: &[(&str, &str)] = &[
    (
        "",
        "Sổ tiếp công dân và theo dõi đơn thư; không có lệnh thì mở ứng dụng (xem docs/huong-dan-su-dung.md, docs/admin.md).",
    ),
    (
        "--db",
        "Tệp sổ (mặc định: thư mục dữ liệu của hệ thống; hoặc biến TIEPDAN_DB).",
    ),
    (
        "--lang",
        "Ngôn ngữ: vi (mặc định) hoặc en; cả cho phần trợ giúp này (hoặc biến TIEPDAN_LANG).",
    ),
    (
        "--demo",
        "Mở sổ mẫu demo.sqlite3 (tạo với dữ liệu mẫu ở lần đầu).",
    ),
    (
        "--create",
        "Tạo sổ mới tại --db nếu chưa có (không có cờ này, đường dẫn chưa có sổ là lỗi: gõ nhầm đường dẫn không bao giờ mở một sổ rỗng).",
    ),
    ("--help", "In trợ giúp."),
    ("--version", "In phiên bản."),
    ("help", "In trợ giúp của tiepdan hoặc của một lệnh."),
    (
        "demo",
        "Tạo sổ mẫu thực tế, tái lập được (không ghi đè sổ thật).",
    ),
    ("demo --visits", "Số lượt tiếp cần tạo."),
    (
        "demo --seed",
        "Hạt giống ngẫu nhiên: cùng hạt giống cho cùng một sổ.",
    ),
    (
        "demo --end",
        "Ngày cuối của dữ liệu (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay).",
    ),
    (
        "lookup",
        "Tìm công dân, vụ việc, lượt tiếp như phím / trong ứng dụng (không bao giờ tìm ra người tố cáo); chỉ đọc.",
    ),
    (
        "lookup query",
        "Họ tên (có dấu hay không dấu), số giấy tờ hoặc vài số cuối, điện thoại viết kiểu nào cũng được, mã vụ việc có hay không có gạch, từ trong địa chỉ hay nội dung.",
    ),
    ("lookup --limit", "Số dòng mỗi nhóm."),
    ("lookup --json", "In dạng JSON cho máy đọc."),
    (
        "due",
        "In mọi nghĩa vụ có thời hạn luật định của một đơn, với hạn và cách tính (theo quy định và lịch nghỉ của sổ, hoặc mặc định); chỉ đọc.",
    ),
    (
        "due --type",
        "Loại đơn: khieu-nai | to-cao | kien-nghi | phan-anh",
    ),
    (
        "due --received",
        "Ngày nhận đơn (dd/mm/yyyy hoặc yyyy-mm-dd).",
    ),
    ("due --accepted", "Ngày thụ lý, để tính hạn giải quyết."),
    ("due --round", "Lần khiếu nại (1 hoặc 2)."),
    ("due --complex", "Vụ việc phức tạp."),
    ("due --remote", "Vùng sâu, vùng xa."),
    (
        "due --very-complex",
        "Tố cáo đặc biệt phức tạp: từ hai tiêu chí của NĐ 31/2019 Điều 3(2).",
    ),
    (
        "due --extensions",
        "Số lần gia hạn (tố cáo: một lần khi phức tạp, hai lần khi đặc biệt phức tạp; khiếu nại không gia hạn).",
    ),
    (
        "due --multi-site",
        "Tố cáo phải xác minh ở nhiều nơi hoặc ủy quyền xác minh (Luật TC Điều 24(1)).",
    ),
    (
        "due --disciplinary",
        "Khiếu nại quyết định kỷ luật (Luật KN Điều 47–58).",
    ),
    (
        "due --dismissal",
        "… quyết định kỷ luật buộc thôi việc (kèm --disciplinary).",
    ),
    (
        "due --learned",
        "Ngày người khiếu nại nhận được hoặc biết quyết định, hành vi (thời hiệu).",
    ),
    (
        "due --obstacle-days",
        "Số ngày trở ngại khiến người khiếu nại không khiếu nại được (không tính, Điều 9, 48).",
    ),
    (
        "due --decided",
        "Ngày ra quyết định giải quyết: gửi, công khai, báo người chuyển đơn, thời hạn khiếu nại lần hai.",
    ),
    (
        "due --sent",
        "Ngày gửi quyết định lần đầu cho người khiếu nại (thời hạn khiếu nại lần hai tính từ khi nhận).",
    ),
    (
        "due --written",
        "Đơn bằng văn bản (qua bưu điện, được chuyển đến, hoặc nộp), không chỉ trình bày trực tiếp: không có nghĩa vụ trả lời của Luật TCD Điều 28(1); tố cáo không thuộc thẩm quyền thì chuyển (Luật TC Điều 24(2)) — tố cáo trực tiếp thì hướng dẫn, không chuyển.",
    ),
    (
        "due --forwarded",
        "Do cơ quan của Quốc hội, đại biểu Quốc hội hoặc Ban tiếp công dân chuyển đến (Luật TCD Điều 27(2); kèm --written).",
    ),
    (
        "due --forwarded-other",
        "Do cơ quan, người khác chuyển đến (báo chí, một sở…): Luật TCD Điều 27(2) không nêu, nên báo kết quả là thực tiễn của đơn vị (⚑); người chuyển đơn tố cáo vẫn được báo cách xử lý (Luật TC Điều 26(2)). Kèm --written.",
    ),
    (
        "due --result-asked",
        "Ta đã chuyển đơn và công dân yêu cầu được báo kết quả (Luật TCD Điều 28(2) chỉ ràng buộc Ban tiếp công dân khi đó).",
    ),
    (
        "due --suspended",
        "Việc giải quyết bị tạm đình chỉ (Luật TC Điều 34; Luật KN Điều 11a từ 01/7/2026) từ một ngày đến quyết định tiếp tục: TỪ..ĐẾN, hoặc TỪ nếu vẫn đang tạm đình chỉ. Lặp lại được.",
    ),
    (
        "due --result-notice",
        "Ta đã chuyển đơn: ngày nhận thông báo kết quả của cơ quan nhận (Luật TCD Điều 28(2)).",
    ),
    ("due --json", "In dạng JSON (ngày theo ISO YYYY-MM-DD)."),
    (
        "report",
        "Báo cáo định kỳ (kỳ theo TT 01/2024 và TT 06/2025): đoạn tổng hợp và các biểu chính thức, dạng văn bản, CSV, JSON hoặc XLSX; chỉ đọc.",
    ),
    (
        "report --period",
        "2026-q1 … 2026-q4 (quý), 2026-6t, 2026-9t, 2026 (năm), 2026-11 (một tháng).",
    ),
    (
        "report --from",
        "Ngày đầu của khoảng (dd/mm/yyyy hoặc yyyy-mm-dd).",
    ),
    ("report --to", "Ngày cuối của khoảng."),
    ("report --format", "text | csv | json | xlsx"),
    ("report --out", "Ghi ra tệp này thay vì đầu ra chuẩn."),
    (
        "report --explain",
        "Định nghĩa một chỉ tiêu và các bản ghi làm nên nó (ví dụ visits, 01/TCD.4).",
    ),
    (
        "report --live",
        "Kỳ đã chốt: số liệu hôm nay thay vì số đã chốt.",
    ),
    (
        "report --unit",
        "Số liệu của một bàn trong sổ đã gộp (mã bàn), hoặc all (mặc định: cả sổ).",
    ),
    (
        "report --hub",
        "Số liệu của trung tâm tỉnh thay vì của sổ này (http://máy[:cổng]).",
    ),
    (
        "report --district",
        "Cùng --hub: số liệu của một quận/huyện (các đơn vị đăng ký thuộc quận/huyện đó).",
    ),
    (
        "report --token",
        "Cùng --hub: mã truy cập của quận/huyện (hoặc của tỉnh) do tiepdan-hub token cấp.",
    ),
    (
        "backup",
        "Bản sao sổ đã kiểm tra (VACUUM INTO, kiểm tra toàn vẹn), mặc định trong backups/ cạnh sổ; sổ chỉ được đọc.",
    ),
    (
        "backup --out",
        "Tệp sao lưu cần ghi (mặc định: backups/<sổ>-<thời điểm>.sqlite3 cạnh sổ).",
    ),
    (
        "restore",
        "Đặt một bản sao lưu vào chỗ của sổ (quản trị viên, mọi cửa sổ đã đóng; sổ bị thay được giữ lại bên cạnh).",
    ),
    ("restore from", "Bản sao lưu cần khôi phục."),
    ("restore --yes", "Không hỏi lại (cho script)."),
    (
        "restore --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "restore --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "export",
        "Sổ tiếp công dân của một kỳ theo mẫu chính thức (XLSX/CSV: TT 04/2021 Mẫu 03, hoặc NĐ 154/2026 Mẫu 03/TCD) hoặc JSON; hoặc gói của bàn (--format tiepdan) để gộp ở bàn khác; hỏi mã PIN (việc xuất được ghi nhật ký).",
    ),
    (
        "export --from",
        "Ngày đầu (dd/mm/yyyy hoặc yyyy-mm-dd); gói của bàn không có nó thì lấy từ đầu sổ.",
    ),
    ("export --to", "Ngày cuối."),
    (
        "export --format",
        "xlsx | csv | json | tiepdan (gói của bàn này, để gộp ở bàn khác)",
    ),
    (
        "export --template",
        "Mẫu sổ: tt04-2021 (TT 04/2021 Mẫu 03) hoặc nd154-2026 (NĐ 154/2026 Mẫu 03/TCD, chưa xác nhận).",
    ),
    (
        "export --out",
        "Tệp cần ghi (CSV và JSON ra đầu ra chuẩn nếu không có).",
    ),
    ("export --force", "Thay tệp đã có mà không hỏi."),
    (
        "export --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "export --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "import",
        "Nhập sổ cũ (xlsx, xls, ods, csv): mỗi dòng được nhập hoặc bị từ chối kèm lý do; --dry-run không ghi gì. Một giao dịch; nhập hai lần không thêm gì. Gói của bàn khác (tiepdan) được kiểm tra chữ ký và chuỗi nhật ký rồi gộp, cùng các lĩnh vực hồ sơ cần; hồ sơ sửa ở cả hai bàn được liệt kê, không gộp, và lệnh thoát với mã 3.",
    ),
    (
        "import file",
        "Sổ cũ: .xlsx, .xls, .ods hoặc .csv; hoặc gói của một bàn (tiepdan export --format tiepdan).",
    ),
    (
        "import --dry-run",
        "Kiểm tra từng dòng và nói sẽ nhập gì; không ghi gì.",
    ),
    (
        "import --sheet",
        "Chỉ trang tính này (mặc định: mọi trang có tiêu đề của sổ).",
    ),
    (
        "import --map",
        "Tên cột chưa biết: tệp TOML `[columns]` \"tiêu đề cột\" = \"ngay_tiep\" | \"ho_ten\" | … | \"bo_qua\".",
    ),
    (
        "import --refused",
        "Ghi các dòng bị từ chối (trang, dòng, cột, lý do, rồi các ô của dòng) ra CSV để sửa và nhập lại.",
    ),
    (
        "import --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "import --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "schedule",
        "Lịch tiếp công dân của người đứng đầu: xem một tháng, đặt hoặc kết thúc một lịch, ghi một ngày đã thông báo, đã tiếp không có ai đến, ủy quyền hoặc hoãn.",
    ),
    (
        "schedule list",
        "Các lịch, và các ngày của một tháng như sổ ghi (mặc định: tháng này).",
    ),
    ("schedule list --month", "Tháng (mm/yyyy hoặc yyyy-mm)."),
    (
        "schedule set",
        "Một lịch từ một ngày: `--weekly 4` (thứ Năm hằng tuần), `--month-days \"10,25\"`, hoặc `--weeks \"1,3\" --weekday 4` (thứ Năm tuần 1 và tuần 3).",
    ),
    (
        "schedule set --leader",
        "Người tiếp (người đứng đầu, kèm chức vụ, như đã thông báo).",
    ),
    (
        "schedule set --from",
        "Ngày đầu (dd/mm/yyyy hoặc yyyy-mm-dd).",
    ),
    (
        "schedule set --weekly",
        "Một thứ trong tuần, hằng tuần: 1 thứ Hai … 7 Chủ nhật.",
    ),
    ("schedule set --month-days", "Các ngày trong tháng."),
    (
        "schedule set --weeks",
        "Các tuần trong tháng (1–5), cùng --weekday.",
    ),
    (
        "schedule set --weekday",
        "Thứ của các tuần đó: 1 thứ Hai … 7 Chủ nhật.",
    ),
    ("schedule set --place", "Địa điểm tiếp."),
    (
        "schedule set --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "schedule set --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    ("schedule end", "Không còn lịch từ một ngày trở đi."),
    (
        "schedule end --from",
        "Ngày đầu tiên không có lịch (dd/mm/yyyy hoặc yyyy-mm-dd).",
    ),
    (
        "schedule end --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "schedule end --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "schedule mark",
        "Ghi một ngày: posted (đã thông báo, ngày --on, mặc định hôm nay), held (đã tiếp, không có ai đến), delegated (cấp phó tiếp, không có ai đến), postponed (hoãn, --to ngày mới).",
    ),
    ("schedule mark day", "Ngày của lịch."),
    (
        "schedule mark what",
        "posted | held | delegated | postponed",
    ),
    (
        "schedule mark --on",
        "Ngày đã thông báo (mặc định hôm nay).",
    ),
    ("schedule mark --to", "Ngày mới của một ngày hoãn."),
    ("schedule mark --note", "Ghi chú kèm ngày."),
    (
        "schedule mark --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "schedule mark --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "keys",
        "Khóa niêm phong danh tính người tố cáo: tình trạng; cụm mật khẩu của lãnh đạo, mã khôi phục, khóa ký gửi (docs/keys.md).",
    ),
    (
        "keys status",
        "Những gì giữ khóa của đơn vị: các lãnh đạo đã có cụm mật khẩu, mã khôi phục, khóa ký gửi; bao nhiêu danh tính đã được niêm phong.",
    ),
    (
        "keys passphrase",
        "Đặt hoặc đổi cụm mật khẩu của mình (lãnh đạo): hỏi cụm hiện tại, hoặc mã khôi phục khi chưa có.",
    ),
    (
        "keys passphrase --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "keys passphrase --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "keys recover",
        "Quên cụm mật khẩu: mã khôi phục mở khóa của đơn vị, đặt cụm mật khẩu mới và in mã khôi phục mới (mã cũ hết hiệu lực).",
    ),
    (
        "keys recover --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "keys recover --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "keys new-code",
        "Mã khôi phục mới (mã cũ hết hiệu lực), in một lần.",
    ),
    (
        "keys new-code --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "keys new-code --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "keys rotate",
        "Thay khóa của đơn vị (lãnh đạo): niêm phong lại mọi danh tính bằng khóa mới, đặt cụm mật khẩu mới, in mã khôi phục mới; khóa cũ được giữ, thôi dùng.",
    ),
    (
        "keys rotate --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "keys rotate --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "keys escrow",
        "Niêm phong thêm khóa của đơn vị cho khóa công khai ký gửi của tỉnh (X25519, 64 chữ số hex).",
    ),
    (
        "keys escrow public_key",
        "Khóa công khai X25519 của nơi ký gửi, 64 chữ số hex.",
    ),
    (
        "keys escrow --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "keys escrow --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "desk",
        "Các bàn đã gộp gói vào sổ này: liệt kê (đơn vị, khoá, lần gộp cuối), hoặc chấp nhận khoá ký mới của một bàn (quản trị viên, gõ khoá do chính bàn đó đọc cho; ghi nhật ký).",
    ),
    (
        "desk list",
        "Các bàn đã gộp: đơn vị, khoá gói của bàn phải ký, số hồ sơ đã gộp, lần gộp cuối; và khoá của chính bàn này. Chỉ đọc.",
    ),
    (
        "desk trust",
        "Chấp nhận khoá ký mới của một bàn (quản trị viên; ghi nhật ký): gõ khoá như bàn đó đọc cho (tiepdan desk list ở bàn đó), không bao giờ lấy từ gói đang xin gộp.",
    ),
    ("desk trust desk", "Mã bàn (như gói của bàn đó ghi)."),
    (
        "desk trust --key",
        "Khoá công khai Ed25519 mới của bàn, 64 chữ số hex (bỏ qua dấu cách và dấu hai chấm).",
    ),
    (
        "desk trust --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "desk trust --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "setting",
        "Các thiết lập của sổ: liệt kê, xem một, hoặc đặt một (quản trị viên, hỏi mã PIN; ghi nhật ký): tên và cấp đơn vị, ngưỡng đoàn đông người, khóa màn hình, số bản sao lưu, cơ quan cấp trên và địa danh trên giấy tờ, lệnh in, địa chỉ trung tâm của tỉnh.",
    ),
    (
        "setting key",
        "Tên thiết lập (bỏ trống: liệt kê tất cả kèm giá trị).",
    ),
    ("setting value", "Giá trị mới (bỏ trống: hiện giá trị)."),
    (
        "setting --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "setting --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "sync",
        "Gửi nhật ký của bàn này lên trung tâm của tỉnh từ mục cuối trung tâm đã xác nhận, theo từng gói có chữ ký (HTTP thường); hỏi mã PIN. Trung tâm không kết nối được thì không mất gì, lần sau gửi tiếp.",
    ),
    (
        "sync --hub",
        "Địa chỉ trung tâm, http://máy[:cổng] (mặc định: thiết lập hub_url).",
    ),
    ("sync --batch", "Số mục nhật ký tối đa của một gói."),
    (
        "sync --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "sync --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "print",
        "In một giấy tờ của lượt tiếp hoặc vụ việc (giấy biên nhận, phiếu chuyển đơn, thông báo, biên bản) ra PDF hoặc DOCX, có số; in lại giữ nguyên số. --list liệt kê các mẫu.",
    ),
    (
        "print form",
        "Mẫu: receipt | transfer | guidance | refusal | minutes | conclusion | dialogue",
    ),
    (
        "print --visit",
        "Lượt tiếp (uid của nó, như `tiepdan lookup` hiện).",
    ),
    ("print --case", "Vụ việc, theo mã (KN-2026-BD-0042)."),
    ("print --format", "pdf | docx (mặc định pdf)."),
    (
        "print --out",
        "Tệp ghi ra (mặc định: thư mục papers/ cạnh sổ).",
    ),
    (
        "print --send",
        "Gửi thêm tệp tới lệnh in đặt trong sổ (thiết lập print_command).",
    ),
    (
        "print --list",
        "Liệt kê các mẫu, phiên bản mẫu và mẫu nào dựa trên văn bản chưa xác nhận.",
    ),
    (
        "print --templates",
        "Ghi các mẫu mặc định vào papers/templates/ cạnh sổ, để sửa.",
    ),
    (
        "print --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "print --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer",
        "Cán bộ: xem danh sách; thêm, vô hiệu hóa, kích hoạt lại, đặt vai trò, đặt lại PIN (quản trị viên, PIN hỏi trên terminal); tự đổi PIN của mình.",
    ),
    (
        "officer list",
        "Mọi cán bộ với vai trò, đã có PIN chưa, còn hoạt động không.",
    ),
    (
        "officer add",
        "Thêm cán bộ (việc của quản trị viên); người mới tự đặt PIN ở lần đăng nhập đầu.",
    ),
    (
        "officer add name",
        "Họ tên, trong ngoặc kép: \"Trần Văn Bình\".",
    ),
    ("officer add --title", "Chức vụ, ví dụ \"Chủ tịch UBND\"."),
    (
        "officer add --role",
        "Vai trò, cách nhau dấu phẩy: tiep-dan (mặc định), lanh-dao, quan-tri.",
    ),
    (
        "officer add --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer add --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer disable",
        "Vô hiệu hóa một cán bộ (không bao giờ xóa; bản ghi của họ giữ tên họ).",
    ),
    ("officer disable name", "Họ tên cán bộ."),
    (
        "officer disable --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer disable --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer enable",
        "Kích hoạt lại một cán bộ đã bị vô hiệu hóa.",
    ),
    ("officer enable name", "Họ tên cán bộ."),
    (
        "officer enable --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer enable --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer role",
        "Đặt vai trò của một cán bộ: tiep-dan, lanh-dao, quan-tri, cách nhau dấu phẩy.",
    ),
    ("officer role name", "Họ tên cán bộ."),
    (
        "officer role roles",
        "Vai trò, cách nhau dấu phẩy: tiep-dan, lanh-dao, quan-tri.",
    ),
    (
        "officer role --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer role --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer reset-pin",
        "Xóa mã PIN bị quên của một cán bộ: họ đặt mã mới ở lần đăng nhập sau.",
    ),
    ("officer reset-pin name", "Họ tên cán bộ."),
    (
        "officer reset-pin --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer reset-pin --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "officer pin",
        "Tự đổi mã PIN của mình (`--as` chính mình): mã hiện tại, rồi mã mới hai lần.",
    ),
    (
        "officer pin --as",
        "Cán bộ thực hiện (mặc định: quản trị viên của sổ, khi sổ chỉ có một).",
    ),
    (
        "officer pin --pin-stdin",
        "Đọc mã PIN từ đầu vào chuẩn, mỗi dòng một mã (cho script; không bao giờ đưa PIN làm đối số).",
    ),
    (
        "check",
        "Kiểm tra sổ: toàn vẹn SQLite, chỉ mục tra cứu, các bộ đếm, chuỗi và chữ ký của nhật ký, các bản ghi so với nhật ký. Chỉ đọc; trả mã khác 0 và nêu dòng hỏng đầu tiên của mỗi mục.",
    ),
    (
        "check --key",
        "Khóa công khai của bàn đã ghi lại ở nơi khác (hex): khóa của sổ phải đúng là nó.",
    ),
    (
        "audit",
        "Nhật ký của một kỳ (ai thay đổi gì, lúc nào), bằng lời; chỉ đọc.",
    ),
    ("audit --from", "Ngày đầu (dd/mm/yyyy hoặc yyyy-mm-dd)."),
    ("audit --to", "Ngày cuối."),
    (
        "audit --officer",
        "Chỉ các mục của cán bộ này (họ tên, có dấu hay không, hoặc uid).",
    ),
    (
        "audit --record",
        "Chỉ các mục về bản ghi này (uid của nó; của một vụ việc gồm cả liên kết với các lượt tiếp).",
    ),
];
