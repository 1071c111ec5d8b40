package io.tollgate.engine.template;

import io.tollgate.engine.support.Problems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a task list in the common layout (one header row naming stage, task, assignee, duration,
 * predecessor, in English or Chinese) from an .xlsx workbook or a CSV file. CSV may be UTF-8 with or
 * without a byte-order mark, or GB18030/GBK as Excel in China saves it; comma or semicolon separated,
 * with quoted fields. Every input is bounded: file size, row count and cell length. Cells are named
 * as a spreadsheet names them (row 1 is the header, column letters from A).
 */
@Component
public class TaskListReader {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ROWS = 1000;
    /** Longest cell text kept; a longer cell is reported as too long. */
    public static final int MAX_CELL = 1000;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Map<String, List<String>> HEADERS = Map.of(
            "stage", List.of("stage", "phase", "阶段"),
            "task", List.of("task", "task name", "任务", "任务名称"),
            "assignee", List.of("assignee", "role", "owner", "负责人", "角色", "执行人"),
            "duration", List.of("duration", "duration (days)", "days", "工期", "工期（天）", "工期(天)", "天数"),
            "predecessor", List.of("predecessor", "predecessors", "depends on", "前置任务", "前置"));

    /** The file's kind, as the upload names it or as its first bytes show. */
    public enum Format { XLSX, CSV }

    /** One data row: its spreadsheet row number and the text of each known column (empty when blank). */
    public record Line(int row, Map<String, String> values) {
        public String get(String column) {
            return values.getOrDefault(column, "");
        }
    }

    /**
     * What was read: the rows with any content, the column letter of each known column, and the cells
     * longer than {@link #MAX_CELL} (their rows are left out of {@code lines}).
     */
    public record TaskList(List<Line> lines, Map<String, String> letters, List<TaskListImport.RowError> errors,
                           String charset) {
        public String letter(String column) {
            return letters.getOrDefault(column, "?");
        }
    }

    /** Which reader a request's content type asks for; {@code null} when the bytes have to tell. */
    public static Format formatOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("spreadsheetml")) {
            return Format.XLSX;
        }
        if (type.startsWith("text/csv") || type.startsWith("text/plain") || type.contains("comma-separated")
                || type.contains("ms-excel")) {
            return Format.CSV;
        }
        return null;
    }

    public TaskList read(byte[] file, Format declared) {
        if (file == null || file.length == 0) {
            throw Problems.badRequest("import-empty", "Send an .xlsx or .csv file with the task list.");
        }
        if (file.length > MAX_BYTES) {
            throw tooLarge();
        }
        boolean zip = file.length > 3 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
        Format format = declared != null ? declared : zip ? Format.XLSX : Format.CSV;
        return format == Format.XLSX ? xlsx(file) : csv(file);
    }

    /** The uploaded file of a request, read no further than the limit. */
    public static byte[] upload(jakarta.servlet.http.HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (java.io.InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    public static ErrorResponseException tooLarge() {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "import-too-large", "File too large",
                "An imported task list is at most " + MAX_BYTES / 1024 / 1024 + " MB.", Map.of());
    }

    private TaskList xlsx(byte[] file) {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(Locale.ROOT);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw noHeader();
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < Math.min(header.getLastCellNum(), 200); c++) {
                Cell cell = header.getCell(c);
                names.add(cell == null ? "" : format.formatCellValue(cell));
            }
            Map<String, Integer> columns = columns(names);
            if (sheet.getLastRowNum() - header.getRowNum() > MAX_ROWS) {
                throw tooManyRows();
            }
            List<List<String>> rows = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                int width = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
                for (int c = 0; c < width; c++) {
                    Cell cell = row == null ? null : row.getCell(c);
                    cells.add(cell == null ? "" : text(cell, format));
                }
                rows.add(cells);
                numbers.add(r + 1);
            }
            return lines(columns, rows, numbers, null);
        } catch (ErrorResponseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Problems.badRequest("import-unreadable", "The file is not an .xlsx workbook that can be read.");
        }
    }

    private TaskList csv(byte[] file) {
        String charset;
        String text;
        if (file.length >= 3 && (file[0] & 0xff) == 0xEF && (file[1] & 0xff) == 0xBB && (file[2] & 0xff) == 0xBF) {
            charset = "UTF-8";
            text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        } else {
            String utf8 = strictUtf8(file);
            charset = utf8 != null ? "UTF-8" : "GB18030";
            text = utf8 != null ? utf8 : new String(file, GB18030);
        }
        if (text.indexOf('\0') >= 0) {
            throw Problems.badRequest("import-unreadable", "The file is neither an .xlsx workbook nor a CSV text file.");
        }
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"')
                .setIgnoreEmptyLines(false).get();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        Map<String, Integer> columns = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            int number = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                number++;
                List<String> cells = new ArrayList<>(Math.min(record.size(), 200));
                for (int c = 0; c < Math.min(record.size(), 200); c++) {
                    cells.add(record.get(c).trim());
                }
                if (columns == null) {
                    columns = columns(cells);
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw tooManyRows();
                }
                rows.add(cells);
                numbers.add(number);
            }
        } catch (ErrorResponseException e) {
            throw e;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw Problems.badRequest("import-unreadable", "The CSV file cannot be read: a quoted field is not closed "
                    + "or the file is not text.");
        }
        if (columns == null) {
            throw noHeader();
        }
        return lines(columns, rows, numbers, charset);
    }

    private static TaskList lines(Map<String, Integer> columns, List<List<String>> rows, List<Integer> numbers,
                                  String charset) {
        Map<String, String> letters = new LinkedHashMap<>();
        columns.forEach((column, index) -> letters.put(column, CellReference.convertNumToColString(index)));
        List<Line> lines = new ArrayList<>();
        List<TaskListImport.RowError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            Map<String, String> values = new LinkedHashMap<>();
            boolean tooLong = false;
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String value = c.getValue() < cells.size() ? cells.get(c.getValue()) : "";
                if (value.length() > MAX_CELL) {
                    errors.add(new TaskListImport.RowError(numbers.get(i), letters.get(c.getKey()), c.getKey(), "too-long", "",
                            "At most " + MAX_CELL + " characters in a cell."));
                    tooLong = true;
                    value = value.substring(0, MAX_CELL);
                }
                values.put(c.getKey(), value);
            }
            if (values.values().stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (!tooLong) {
                lines.add(new Line(numbers.get(i), values));
            }
        }
        return new TaskList(lines, letters, errors, charset);
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String text = header.get(c).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
            int index = c;
            HEADERS.forEach((column, names) -> {
                if (names.contains(text)) {
                    columns.putIfAbsent(column, index);
                }
            });
        }
        if (!columns.containsKey("stage") || !columns.containsKey("task")) {
            throw noHeader();
        }
        return columns;
    }

    private static ErrorResponseException noHeader() {
        return Problems.badRequest("import-no-header", "The first row must name at least the columns stage and task "
                + "(阶段, 任务); also assignee, duration and predecessor.");
    }

    private static ErrorResponseException tooManyRows() {
        return Problems.badRequest("import-too-many-rows", "An imported task list has at most " + MAX_ROWS + " rows.");
    }

    private static String strictUtf8(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Comma or semicolon: whichever the header line has more of outside quotes (comma when tied). */
    static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String text(Cell cell, DataFormatter format) {
        if (cell.getCellType() == CellType.NUMERIC) {
            double d = cell.getNumericCellValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return format.formatCellValue(cell).trim();
    }
}
