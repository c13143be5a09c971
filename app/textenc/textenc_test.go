package textenc

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func utf16le(s string, bom bool) []byte {
	pol := unicode.IgnoreBOM
	if bom {
		pol = unicode.UseBOM
	}
	b, _ := unicode.UTF16(unicode.LittleEndian, pol).NewEncoder().Bytes([]byte(s))
	return b
}

func TestDecode(t *testing.T) {
	const text = "Café – “quoted” £5\n"
	latin1, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("Chelsea sack Mutu for £20m – café\r\n"))
	cyr, _ := charmap.Windows1251.NewEncoder().Bytes([]byte("Новости"))
	tests := []struct {
		name     string
		in       []byte
		want     string
		encoding string
		gzipped  bool
	}{
		{"plain utf-8", []byte(text), text, "utf-8", false},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, "utf-8", false},
		{"crlf", []byte("a\r\nb\rc"), "a\nb\nc", "utf-8", false},
		{"latin-1 undeclared", latin1, "Chelsea sack Mutu for £20m – café\n", "windows-1252", false},
		{"utf-16le bom", utf16le(text, true), text, "utf-16le", false},
		{"utf-16le no bom", utf16le("<?xml version='1.0'?><rss/>", false), "<?xml version='1.0'?><rss/>", "utf-16le", false},
		{"gzip of latin-1", gz(latin1), "Chelsea sack Mutu for £20m – café\n", "windows-1252", true},
		{"declared windows-1251", append([]byte(`<?xml version="1.0" encoding="windows-1251"?><t>`), cyr...), `<?xml version="1.0" encoding="windows-1251"?><t>Новости`, "windows-1251", false},
		{"html meta charset", append([]byte(`<html><head><meta charset="iso-8859-1"></head>`), latin1...), `<html><head><meta charset="iso-8859-1"></head>Chelsea sack Mutu for £20m – café` + "\n", "windows-1252", false},
		{"declared utf-16 but 8-bit", []byte(`<?xml version="1.0" encoding="utf-16"?><rss/>`), `<?xml version="1.0" encoding="utf-16"?><rss/>`, "utf-8", false},
		{"declared latin-1 but utf-8", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>`), `<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>`, "utf-8", false},
		// Valid multi-byte UTF-8 beats a contradicting declaration (issue 27).
		{"declared gb2312 but utf-8", []byte(`<meta charset="gb2312"><title>特朗普签署行政令</title>`), `<meta charset="gb2312"><title>特朗普签署行政令</title>`, "utf-8", false},
		{"declared windows-1251 but utf-8", []byte(`<meta charset="windows-1251"><h1>Кремль пригласил Зеленского</h1>`), `<meta charset="windows-1251"><h1>Кремль пригласил Зеленского</h1>`, "utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.want || res.Encoding != tt.encoding || res.Gzipped != tt.gzipped {
				t.Errorf("Decode = %q (%s, gz=%v), want %q (%s, gz=%v)", res.Text, res.Encoding, res.Gzipped, tt.want, tt.encoding, tt.gzipped)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	pdf := append([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n"), []byte("stream text only")...)
	nulTail := append([]byte(strings.Repeat("Plain text. ", 1000)), 0, 0xff, 0)
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"binary", []byte{0x00, 0x01, 0xff, 0xfe, 0x80, 0x00, 0x9f, 0x10, 0x00}, "not text: looks like binary data"},
		{"only NUL bytes", make([]byte, 100), "binary data"},
		{"NUL after text", append([]byte("Headline\n\nBody"), 0, 0, 0), "binary data"},
		{"NUL and bad UTF-8 after 8,000 bytes", nulTail, "binary data"},
		{"PDF without NULs", pdf, "looks like a PDF document"},
		{"Word document", []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml"), "ZIP archive"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n"), "PNG image"},
		{"RTF", []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Hello}`), "RTF document"},
		{"SQLite", []byte("SQLite format 3\x00\x10\x00"), "SQLite database"},
		{"corrupt gzip", []byte{0x1f, 0x8b, 0x08, 0x00, 0x01}, ""},
		{"declared Johab", []byte(`<meta charset="Johab"><p>\xb4\xe9</p>`), "declares the charset johab, which Parallax cannot decode"},
		{"declared ISO-2022-KR", []byte(`<?xml version="1.0" encoding="ISO-2022-KR"?><t/>`), "cannot decode"},
	} {
		_, err := Decode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Decode gives %v, want an error with %q", tt.name, err, tt.want)
		}
	}
	// Text that merely starts like a signature's first letters is text.
	for _, text := range []string{"PK Ltd reports profits", "MZ Holdings buys rival", "GIF8 is not a format", "%PDF of nothing"} {
		if res, err := Decode([]byte(text)); err != nil || res.Text != text {
			t.Errorf("%q: %q %v", text, res.Text, err)
		}
	}
}

// GB18030 French text has no byte pattern a detector can tell from
// windows-1252, so it needs its declaration, as any browser would.
func TestDecodeDeclaredGB18030(t *testing.T) {
	dir := testenv.Data(t, "robustness", "golang-x-text")
	raw, err := os.ReadFile(filepath.Join(dir, "candide-gb18030.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(dir, "candide-utf-8.txt"))
	const head = `<meta charset="gb18030">`
	res, err := Decode(append([]byte(head), raw...))
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != head+normalizeNewlines(string(want)) || res.Encoding != "gb18030" {
		t.Errorf("declared gb18030 decoded as %s, text differs", res.Encoding)
	}
}

// The golang.org/x/text test texts: each legacy file must decode to the
// same characters as its UTF-8 twin.
func TestDecodeRealEncodings(t *testing.T) {
	dir := testenv.Data(t, "robustness", "golang-x-text")
	pairs := map[string]string{
		"candide-windows-1252.txt":          "candide-utf-8.txt",
		"candide-gb18030.txt":               "candide-utf-8.txt",
		"candide-utf-16le.txt":              "candide-utf-8.txt",
		"candide-utf-32be.txt":              "candide-utf-8.txt",
		"rashomon-shift-jis.txt":            "rashomon-utf-8.txt",
		"rashomon-euc-jp.txt":               "rashomon-utf-8.txt",
		"sunzi-bingfa-traditional-big5.txt": "sunzi-bingfa-traditional-utf-8.txt",
		"unsu-joh-eun-nal-euc-kr.txt":       "unsu-joh-eun-nal-utf-8.txt",
	}
	for legacy, ref := range pairs {
		t.Run(legacy, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, legacy))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(filepath.Join(dir, ref))
			res, err := Decode(raw)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(res.Text, "\ufeff")
			if got != normalizeNewlines(string(want)) {
				t.Errorf("%s decoded as %s does not match %s (first bytes %q)", legacy, res.Encoding, ref, got[:min(len(got), 60)])
			}
		})
	}
}

// Charsets declared by their IANA names and common aliases are honoured
// (issue 27: IBM855 and MacCyrillic were ignored).
func TestDecodeDeclaredIANACharsets(t *testing.T) {
	const text = "Кремль пригласил Зеленского в Москву на переговоры"
	for _, c := range []struct {
		label string
		enc   interface{ NewEncoder() *encoding.Encoder }
	}{
		{"IBM855", charmap.CodePage855},
		{"cp855", charmap.CodePage855},
		{"MacCyrillic", charmap.MacintoshCyrillic},
		{"x-mac-cyrillic", charmap.MacintoshCyrillic},
		{"IBM866", charmap.CodePage866},
		{"IBM852", charmap.CodePage852},
	} {
		body := text
		if c.label == "IBM852" {
			body = "Sąd Najwyższy orzekł w sprawie ustawy o mediach"
		}
		b, err := c.enc.NewEncoder().Bytes([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		head := `<meta charset="` + c.label + `">`
		res, err := Decode(append([]byte(head), b...))
		if err != nil || res.Text != head+body {
			t.Errorf("%s: %q (%s), %v", c.label, res.Text, res.Encoding, err)
		}
	}
}
