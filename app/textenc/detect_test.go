package textenc

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// codePagesOf lists, per language of testdata/encodings, every code page
// its script is written in. ISO-8859-1 and -9 are read as windows-1252 and
// -1254, their supersets, and must still round-trip.
var codePagesOf = func() map[string][]string {
	west := []string{"windows-1252", "iso-8859-1", "iso-8859-15", "macintosh"}
	cyr := []string{"windows-1251", "koi8-r", "koi8-u", "ibm866", "iso-8859-5", "x-mac-cyrillic", "ibm855"}
	cen := []string{"windows-1250", "iso-8859-2", "ibm852"}
	m := map[string][]string{
		"el": {"windows-1253", "iso-8859-7"},
		"tr": {"windows-1254", "iso-8859-9"},
		"he": {"windows-1255", "iso-8859-8"},
		"ar": {"windows-1256", "iso-8859-6"},
		"th": {"windows-874"},
	}
	for _, l := range []string{"en", "fr", "de", "es", "pt", "it"} {
		m[l] = west
	}
	for _, l := range []string{"ru", "uk", "bg"} {
		m[l] = cyr
	}
	for _, l := range []string{"pl", "cs", "sk", "hu", "hr", "sl", "ro"} {
		m[l] = cen
	}
	return m
}()

var encoders = map[string]encoding.Encoding{
	"iso-8859-1": charmap.ISO8859_1,
	"iso-8859-9": charmap.ISO8859_9,
}

func encoderFor(name string) encoding.Encoding {
	if e, ok := encoders[name]; ok {
		return e
	}
	for _, c := range singleByte {
		if c.name == name {
			return c.cm
		}
	}
	return nil
}

func readSamples(t testing.TB, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Issue 27: undeclared 8-bit text in the code pages of Cyrillic, Central
// European, Greek, Turkish, Hebrew, Arabic, Thai and Western newsrooms
// must come back exactly. Every sample the team wrote is encoded into every
// code page of its script that can hold it and decoded with no declaration.
func TestUndeclaredEncodingsRoundTrip(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "encodings")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatal("no samples in", dir)
	}
	type tally struct{ ok, all int }
	perPage := map[string]*tally{}
	total := tally{}
	for _, file := range files {
		lang := strings.TrimSuffix(filepath.Base(file), ".txt")
		pages := codePagesOf[lang]
		if pages == nil {
			t.Fatalf("%s: no code pages listed for language %q", file, lang)
		}
		for _, sample := range readSamples(t, file) {
			for _, page := range pages {
				b, err := encoderFor(page).NewEncoder().Bytes([]byte(sample))
				if err != nil {
					continue // the code page cannot hold this language's letters
				}
				if perPage[page] == nil {
					perPage[page] = &tally{}
				}
				perPage[page].all++
				total.all++
				res, err := Decode(b)
				if err == nil && res.Text == sample {
					perPage[page].ok++
					total.ok++
					continue
				}
				got := res.Text
				if len([]rune(got)) > 60 {
					got = string([]rune(got)[:60]) + "…"
				}
				t.Logf("%s in %s read as %s: %q", lang, page, res.Encoding, got)
			}
		}
	}
	names := make([]string, 0, len(perPage))
	for n := range perPage {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := perPage[n]
		t.Logf("%-15s %3d/%3d", n, p.ok, p.all)
		if p.all < 20 {
			t.Errorf("%s: only %d samples, want at least 20", n, p.all)
		}
	}
	share := float64(total.ok) / float64(total.all)
	t.Logf("overall %d/%d = %.3f", total.ok, total.all, share)
	if share < 0.98 {
		t.Errorf("decoded exactly %.3f of the set, want at least 0.98", share)
	}
}

// Short undeclared Japanese and Korean, where the statistical detector is
// unsure, are still read by their kana and Hangul (issue 27: EUC-JP fell
// back to windows-1252).
func TestUndeclaredShortEastAsian(t *testing.T) {
	for _, c := range []struct {
		label, text string
	}{
		{"euc-jp", "東京都知事が記者会見で新たな対策を発表した"},
		{"shift_jis", "大阪で震度５の地震、けが人の情報はなし"},
		{"euc-jp", "首相、来月にもモスクワ訪問へ"},
		{"euc-kr", "정부는 내년 예산안을 국회에 제출했다"},
		{"euc-kr", "서울 아파트 가격 3주 연속 하락"},
	} {
		enc, err := htmlindex.Get(c.label)
		if err != nil {
			t.Fatal(err)
		}
		b, err := enc.NewEncoder().Bytes([]byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Decode(b)
		if err != nil || res.Text != c.text {
			t.Errorf("%s %q read as %s: %q, %v", c.label, c.text, res.Encoding, res.Text, err)
		}
	}
}

func BenchmarkDetectSingleByte(b *testing.B) {
	var sb strings.Builder
	for _, s := range readSamples(b, filepath.Join("..", "..", "testdata", "encodings", "ru.txt")) {
		sb.WriteString(s + "\n")
	}
	data, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(sb.String()))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if res, _ := Decode(data); res.Encoding != "windows-1251" {
			b.Fatal(res.Encoding)
		}
	}
}
