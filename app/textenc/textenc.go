// Package textenc turns the bytes of a file into UTF-8 text, whatever the
// file's compression, byte order mark, declared charset or legacy encoding.
package textenc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// MaxDecompressed caps what a gzip file may expand to, so a hostile file
// cannot exhaust memory.
const MaxDecompressed = 256 << 20

// Result is decoded text and how it was decoded.
type Result struct {
	Text     string
	Encoding string // canonical name of the source encoding, e.g. "utf-8", "windows-1252"
	Gzipped  bool
	// Declared is the charset the file itself declared, if any.
	Declared string
}

// Gunzip returns data decompressed when it starts with the gzip magic
// number (whatever the file's name), and data unchanged otherwise.
func Gunzip(data []byte) ([]byte, bool, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, false, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, true, fmt.Errorf("corrupt gzip data: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxDecompressed+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, true, fmt.Errorf("corrupt gzip data: %w", err)
	}
	if err != nil && len(out) == 0 {
		return nil, true, fmt.Errorf("truncated gzip data: %w", err)
	}
	if len(out) > MaxDecompressed {
		return nil, true, fmt.Errorf("decompresses to more than %d MiB", MaxDecompressed>>20)
	}
	return out, true, nil
}

var (
	xmlDeclRe  = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
	metaCharRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)
)

// declaredCharset finds an encoding named by an XML declaration or an HTML
// <meta> tag near the start of the file. Both are ASCII-compatible, so the
// scan works on the raw bytes.
func declaredCharset(data []byte) string {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	if m := xmlDeclRe.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	if m := metaCharRe.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// bomEncoding recognises a byte order mark.
func bomEncoding(data []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(data, []byte{0x00, 0x00, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", 4
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0x00, 0x00}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", 4
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

// nullPattern recognises UTF-16 and UTF-32 without a BOM by where the zero
// bytes of ASCII characters fall in the first few characters.
func nullPattern(data []byte) (encoding.Encoding, string) {
	if len(data) < 8 {
		return nil, ""
	}
	b := data[:8]
	switch {
	case b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0:
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be"
	case b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0:
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le"
	case b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	case b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	}
	return nil, ""
}

// binaryKinds are the signatures of the files most often dropped into a
// folder of articles by mistake. Programs, media and most other binary
// formats hold NUL bytes early and need no signature.
var binaryKinds = []struct{ magic, kind string }{
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or a Word, Excel or OpenDocument file)"},
	{"\xd0\xcf\x11\xe0", "an old Word or Excel document"},
	{"{\\rtf", "an RTF document (save it as plain text)"},
	{"\x89PNG", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"\x7fELF", "a program"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"7z\xbc\xaf", "a 7-Zip archive"},
	{"Rar!\x1a", "a RAR archive"},
}

// sniffBinary names what data looks like when it is not text: a known
// signature, or (as git decides) a NUL byte in its first 8,000 bytes.
// UTF-16 and UTF-32, whose NULs are text, are recognised before this.
func sniffBinary(data []byte) string {
	for _, b := range binaryKinds {
		if bytes.HasPrefix(data, []byte(b.magic)) {
			return b.kind
		}
	}
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 || (bytes.IndexByte(data, 0) >= 0 && !utf8.Valid(data)) {
		return "binary data"
	}
	return ""
}

// Decode returns data as UTF-8 text. In order of trust: gzip is undone; a
// byte order mark decides; UTF-16/32 are recognised by their zero bytes; a
// charset declared in an XML declaration or HTML <meta> is honoured unless
// the bytes contradict it; valid UTF-8 is taken as UTF-8; a legacy
// multi-byte encoding is taken when the detector is confident; anything else
// is read in the single-byte code page whose reading looks most like text
// (detect.go), windows-1252 when nothing says otherwise.
// Line endings become "\n".
func Decode(data []byte) (Result, error) {
	var res Result
	data, gz, err := Gunzip(data)
	if err != nil {
		return res, err
	}
	res.Gzipped = gz

	if enc, name, n := bomEncoding(data); enc != nil {
		res.Encoding = name
		text, err := decodeWith(enc, data[n:])
		if err != nil {
			return res, fmt.Errorf("invalid %s text: %w", name, err)
		}
		res.Text = normalizeNewlines(text)
		return res, nil
	}
	if enc, name := nullPattern(data); enc != nil {
		res.Encoding = name
		text, err := decodeWith(enc, data)
		if err != nil {
			return res, fmt.Errorf("invalid %s text: %w", name, err)
		}
		res.Text = normalizeNewlines(text)
		return res, nil
	}
	if kind := sniffBinary(data); kind != "" {
		return res, errors.New("not text: looks like " + kind)
	}

	res.Declared = declaredCharset(data)
	validUTF8 := utf8.Valid(data)
	if d := res.Declared; d != "" {
		if unsupportedCharsets[d] {
			return res, fmt.Errorf("the file declares the charset %s, which Parallax cannot decode: convert it to UTF-8 first (e.g. iconv -f %s -t UTF-8)", d, d)
		}
		enc, name, err := lookupCharset(d)
		switch {
		case err != nil:
			// An unknown label falls through to detection below.
		case name == "utf-16le" || name == "utf-16be" || name == "utf-8":
			// Without zero bytes the file cannot be UTF-16 whatever it
			// says (a common mislabel); treat it as UTF-8 if it is.
			if validUTF8 {
				res.Encoding = "utf-8"
				res.Text = normalizeNewlines(string(data))
				return res, nil
			}
		default:
			text, derr := decodeWith(enc, data)
			if derr == nil && !(validUTF8 && utf8Wins(data, name)) {
				res.Encoding = name
				res.Text = normalizeNewlines(text)
				return res, nil
			}
			// A file declared Latin-1, gb2312 or windows-1251 that is
			// valid non-ASCII UTF-8 was re-saved as UTF-8 without fixing
			// its header: trust the bytes.
		}
	}
	if validUTF8 {
		res.Encoding = "utf-8"
		res.Text = normalizeNewlines(string(data))
		return res, nil
	}
	if enc, name := detectMultiByte(data); enc != nil {
		if text, err := decodeWith(enc, data); err == nil {
			res.Encoding = name
			res.Text = normalizeNewlines(text)
			return res, nil
		}
	}
	cm, name := detectSingleByte(data)
	text, _ := decodeWith(cm, data)
	res.Encoding = name
	res.Text = normalizeNewlines(text)
	return res, nil
}

// Charsets a document may declare that golang.org/x/text cannot decode;
// WHATWG maps some of them to a "replacement" decoder that would turn the
// whole text into U+FFFD.
var unsupportedCharsets = map[string]bool{
	"johab": true, "euc-tw": true, "x-euc-tw": true, "cns11643": true,
	"iso-2022-kr": true, "csiso2022kr": true, "iso-2022-cn": true, "iso-2022-cn-ext": true, "hz-gb-2312": true,
}

// Labels the WHATWG and IANA tables lack but documents use.
var charsetAliases = map[string]encoding.Encoding{
	"maccyrillic": charmap.MacintoshCyrillic, "mac-cyrillic": charmap.MacintoshCyrillic, "x-mac-ukrainian": charmap.MacintoshCyrillic,
	"cp855": charmap.CodePage855, "ibm-855": charmap.CodePage855, "cp-866": charmap.CodePage866, "ibm-866": charmap.CodePage866,
}

// lookupCharset resolves a declared label: the WHATWG names browsers use,
// then the IANA registry (IBM855, IBM852, IBM437…), then common aliases.
func lookupCharset(label string) (encoding.Encoding, string, error) {
	if enc, err := htmlindex.Get(label); err == nil {
		name, _ := htmlindex.Name(enc)
		return enc, name, nil
	}
	if enc, err := ianaindex.IANA.Encoding(label); err == nil && enc != nil {
		name, _ := ianaindex.IANA.Name(enc)
		return enc, strings.ToLower(name), nil
	}
	if enc, ok := charsetAliases[label]; ok {
		return enc, label, nil
	}
	return nil, "", fmt.Errorf("unknown charset %q", label)
}

// detectMultiByte asks a statistical detector about undeclared non-UTF-8
// text and believes it only for the East Asian multi-byte encodings, and
// only when the text then reads as the language the encoding serves: a
// short Thai or Cyrillic text the detector mistakes for EUC-KR reads as a
// jumble of Hangul, Han and kana. When the detector is unsure, Japanese and
// Korean are still recognised by their kana and Hangul; short Chinese is
// not, since almost any 8-bit text decodes to some Han characters.
func detectMultiByte(data []byte) (encoding.Encoding, string) {
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	labels := []string{"euc-jp", "shift_jis", "euc-kr"}
	if gb18030FourByte(sample) >= 3 {
		// GB18030's four-byte form (high, digit, high, digit) is how it
		// writes everything outside GBK, such as Latin accents; 8-bit
		// text does not put digits between high bytes like that.
		if text, err := decodeWith(simplifiedchinese.GB18030, sample); err == nil && !strings.ContainsRune(text, utf8.RuneError) {
			return simplifiedchinese.GB18030, "gb18030"
		}
	}
	if r, err := chardet.NewTextDetector().DetectBest(sample); err == nil && r.Confidence >= 50 {
		switch l := strings.ToLower(r.Charset); l {
		case "shift_jis", "euc-jp", "euc-kr", "big5", "gb18030", "iso-2022-jp":
			labels = append([]string{l}, labels...)
		case "gb-18030":
			labels = append([]string{"gb18030"}, labels...)
		}
	}
	for _, label := range labels {
		enc, err := htmlindex.Get(label)
		if err != nil {
			continue
		}
		if text, err := decodeWith(enc, sample); err == nil && readsAs(label, text) {
			name, _ := htmlindex.Name(enc)
			return enc, name
		}
	}
	return nil, ""
}

// gb18030FourByte counts GB18030 four-byte sequences in data.
func gb18030FourByte(data []byte) int {
	n := 0
	for i := 0; i+3 < len(data); i++ {
		if data[i] >= 0x81 && data[i] <= 0xfe && isDigit(data[i+1]) && data[i+2] >= 0x81 && data[i+2] <= 0xfe && isDigit(data[i+3]) {
			n++
			i += 3
		}
	}
	return n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// utf8Wins reports whether valid UTF-8 data is UTF-8 whatever charset it
// declares: any non-ASCII, against a Latin declaration (whose files are
// the most often re-saved); against any other, a few multi-byte
// characters, since legacy text whose bytes happen to be valid UTF-8 is
// rare beyond a word or two (two Cyrillic letters in windows-1251, or
// most GBK pairs, are not).
func utf8Wins(data []byte, declared string) bool {
	if isSingleByteLatin(declared) {
		return !isASCII(data)
	}
	const enough = 4
	n := 0
	for i := 0; i < len(data) && n < enough; {
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && size > 1 {
			n++
		}
		i += size
	}
	return n >= enough
}

func isSingleByteLatin(name string) bool {
	return name == "windows-1252" || strings.HasPrefix(name, "iso-8859-")
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
