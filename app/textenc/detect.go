package textenc

import (
	"embed"
	"math"
	"path"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The single-byte detector decodes undeclared 8-bit text with every code
// page below and keeps the reading that looks most like a language written
// in that code page: letter bigrams trained on texts the team wrote
// (models/*.txt), plus penalties for what no language does — control
// codes, symbols and punctuation inside words, scripts mixed within a word,
// a capital after a small letter. Reading the text, rather than the bytes,
// is what tells KOI8-R from windows-1251 and windows-1250 from ISO-8859-2:
// a wrong reading still yields letters, but ones no Russian or Pole writes
// in that order.

//go:embed models/*.txt
var modelFiles embed.FS

var (
	western  = []string{"en", "fr", "de", "es", "pt", "it", "nl", "sv"}
	central  = []string{"pl", "cs", "sk", "hu", "hr", "sl", "ro"}
	cyrillic = []string{"ru", "uk", "bg"}
)

// singleByte lists the code pages in order of how common undeclared files
// in them are; the order breaks ties. DOS and Mac code pages carry a prior
// against them: few newsroom files are still in them, and a short text
// with one accented letter reads as well in one of them as in the page it
// was written in.
var singleByte = []struct {
	name  string
	cm    *charmap.Charmap
	langs []string
	prior float64
}{
	{"windows-1252", charmap.Windows1252, western, 0},
	{"windows-1251", charmap.Windows1251, cyrillic, 0},
	{"windows-1250", charmap.Windows1250, central, 0},
	{"koi8-r", charmap.KOI8R, cyrillic, 0},
	{"iso-8859-2", charmap.ISO8859_2, central, 0},
	{"windows-1253", charmap.Windows1253, []string{"el"}, 0},
	{"windows-1254", charmap.Windows1254, []string{"tr"}, 0},
	{"windows-1255", charmap.Windows1255, []string{"he"}, 0},
	{"windows-1256", charmap.Windows1256, []string{"ar"}, 0},
	{"windows-874", charmap.Windows874, []string{"th"}, 0},
	{"koi8-u", charmap.KOI8U, cyrillic, -1},
	{"ibm866", charmap.CodePage866, cyrillic, -1},
	{"iso-8859-5", charmap.ISO8859_5, cyrillic, -1},
	{"iso-8859-7", charmap.ISO8859_7, []string{"el"}, -1},
	{"iso-8859-8", charmap.ISO8859_8, []string{"he"}, -1},
	{"iso-8859-6", charmap.ISO8859_6, []string{"ar"}, -1},
	{"iso-8859-15", charmap.ISO8859_15, western, -1},
	{"macintosh", charmap.Macintosh, western, -2},
	{"x-mac-cyrillic", charmap.MacintoshCyrillic, cyrillic, -2},
	{"ibm855", charmap.CodePage855, cyrillic, -3},
	{"ibm852", charmap.CodePage852, central, -3},
}

// Penalties, in nats, against the bigram log-likelihood.
const (
	costBad         = 20 // a control code or undefined byte
	costInWordPunct = 6  // punctuation between two letters
	costMixedScript = 6  // a word switching script
	costCaseFlip    = 4  // a capital right after a small letter
	sampleBytes     = 8 << 10
)

// A langModel holds log P(letter | previous letter) over one language's
// letters; index 0 is a word boundary, the last index any letter the
// training text never used.
type langModel struct {
	index  map[rune]int
	logp   []float32
	unseen int
	size   int
}

func (m *langModel) symbol(r rune) int {
	if i, ok := m.index[r]; ok {
		return i
	}
	return m.unseen
}

// loadModels trains a model on each of the embedded texts.
func loadModels() map[string]*langModel {
	models := map[string]*langModel{}
	entries, _ := modelFiles.ReadDir("models")
	for _, e := range entries {
		b, err := modelFiles.ReadFile(path.Join("models", e.Name()))
		if err != nil {
			continue
		}
		models[strings.TrimSuffix(e.Name(), ".txt")] = train(string(b))
	}
	return models
}

// kept says whether a character is a symbol of the models: letters and
// non-ASCII marks (quotes, dashes, symbols) are; spaces, digits, ASCII
// punctuation and no-break spaces only separate words.
func kept(r rune) bool { return isLetter(r) || r >= 0x80 && r != '\u00a0' }

// normalize turns text into the model's symbols: what kept keeps,
// lowercased, and every run of the rest one boundary (0). Keeping the
// non-ASCII marks makes a reading that turns letters into them pay as the
// language model sees it, not less than the letters would.
func normalize(text []rune) []rune {
	out := make([]rune, 0, len(text)+1)
	out = append(out, 0)
	for _, r := range text {
		switch {
		case kept(r):
			out = append(out, unicode.ToLower(r))
		case out[len(out)-1] != 0:
			out = append(out, 0)
		}
	}
	return out
}

func train(text string) *langModel {
	seq := normalize([]rune(text))
	m := &langModel{index: map[rune]int{0: 0}}
	for _, r := range seq {
		if _, ok := m.index[r]; !ok {
			m.index[r] = len(m.index)
		}
	}
	m.unseen = len(m.index)
	m.size = m.unseen + 1
	V := m.size
	uni := make([]float64, V)
	bi := make([]float64, V*V)
	ctx := make([]float64, V)
	for i, r := range seq {
		uni[m.index[r]]++
		if i > 0 {
			p, c := m.index[seq[i-1]], m.index[r]
			bi[p*V+c]++
			ctx[p]++
		}
	}
	// Unigram with add-half smoothing; a letter the language never uses
	// gets a fixed small share, so one stray ő does not sink Polish but
	// twenty do.
	const unseenP = 1e-4
	total := float64(len(seq)) + 0.5*float64(V)
	pu := make([]float64, V)
	for i := range pu {
		pu[i] = (uni[i] + 0.5) / total
	}
	pu[m.unseen] = unseenP
	const k = 4 // weight of the unigram in the bigram's back-off
	m.logp = make([]float32, V*V)
	for p := range V {
		for c := range V {
			m.logp[p*V+c] = float32(math.Log((bi[p*V+c] + k*pu[c]) / (ctx[p] + k)))
		}
	}
	return m
}

func isLetter(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// inWordPunct is punctuation that may sit between two letters.
func inWordPunct(r rune) bool {
	return strings.ContainsRune("’ʼ‐‑׳״", r)
}

func script(r rune) uint8 {
	switch {
	case r < 0x250:
		return 1 // Latin
	case unicode.Is(unicode.Cyrillic, r):
		return 2
	case unicode.Is(unicode.Greek, r):
		return 3
	case unicode.Is(unicode.Hebrew, r):
		return 4
	case unicode.Is(unicode.Arabic, r):
		return 5
	case unicode.Is(unicode.Thai, r):
		return 6
	}
	return 7
}

// A codePage is one candidate's reading of every byte, worked out once so
// that scoring a text is table lookups.
type codePage struct {
	name   string
	cm     *charmap.Charmap
	prior  float64
	runes  [256]rune
	letter [256]bool
	kept   [256]bool
	upper  [256]bool
	lower  [256]bool
	script [256]uint8
	langs  []pageModel
}

// pageModel maps the bytes of one code page to one language's symbols;
// index 256 is the word boundary.
type pageModel struct {
	m   *langModel
	sym [257]uint16
}

const boundary = 256

var (
	pagesOnce sync.Once
	pages     []*codePage
)

func codePages() []*codePage {
	pagesOnce.Do(func() {
		ms := loadModels()
		for _, c := range singleByte {
			p := &codePage{name: c.name, cm: c.cm, prior: c.prior}
			for b := range 256 {
				r := c.cm.DecodeByte(byte(b))
				p.runes[b], p.letter[b], p.kept[b] = r, isLetter(r), kept(r)
				p.upper[b], p.lower[b] = unicode.IsUpper(r), unicode.IsLower(r)
				p.script[b] = script(r)
			}
			for _, l := range c.langs {
				m := ms[l]
				if m == nil {
					continue
				}
				pm := pageModel{m: m}
				for b, r := range p.runes {
					pm.sym[b] = uint16(m.symbol(unicode.ToLower(r)))
				}
				pm.sym[boundary] = 0
				p.langs = append(p.langs, pm)
			}
			pages = append(pages, p)
		}
	})
	return pages
}

// symbols is normalize over bytes.
func (p *codePage) symbols(data []byte, seq []uint16) []uint16 {
	seq = append(seq[:0], boundary)
	for _, b := range data {
		switch {
		case p.kept[b]:
			seq = append(seq, uint16(b))
		case seq[len(seq)-1] != boundary:
			seq = append(seq, boundary)
		}
	}
	return seq
}

// oddities scores what no language does, whatever the language: control
// codes and undefined bytes, punctuation between two letters, a word that
// changes script, a capital right after a small letter.
func (p *codePage) oddities(data []byte) float64 {
	cost := 0.0
	for i, b := range data {
		if b < 0x80 {
			continue
		}
		r := p.runes[b]
		prevLetter := i > 0 && p.letter[data[i-1]]
		nextLetter := i+1 < len(data) && p.letter[data[i+1]]
		switch {
		case r == '\ufffd' || r < 0xa0:
			cost += costBad
		case p.letter[b]:
			if prevLetter {
				prev := data[i-1]
				if p.script[prev] != p.script[b] {
					cost += costMixedScript
				} else if p.upper[b] && p.lower[prev] {
					cost += costCaseFlip
				}
			}
			if nextLetter && data[i+1] < 0x80 && p.script[b] != 1 {
				cost += costMixedScript
			}
		case prevLetter && nextLetter && !inWordPunct(r):
			cost += costInWordPunct
		}
	}
	return cost
}

func (pm *pageModel) logLikelihood(seq []uint16) float64 {
	m := pm.m
	ll := 0.0
	prev := 0
	for _, v := range seq[1:] {
		c := int(pm.sym[v])
		ll += float64(m.logp[prev*m.size+c])
		prev = c
	}
	return ll
}

// detectSingleByte names the code page whose reading of data scores best.
func detectSingleByte(data []byte) (*charmap.Charmap, string) {
	sample := data[:min(len(data), sampleBytes)]
	var best *codePage
	bestScore := math.Inf(-1)
	seq := make([]uint16, 0, len(sample)+1)
	for _, p := range codePages() {
		seq = p.symbols(sample, seq)
		lang := math.Inf(-1)
		for i := range p.langs {
			lang = max(lang, p.langs[i].logLikelihood(seq))
		}
		if score := lang - p.oddities(sample) + p.prior; score > bestScore {
			best, bestScore = p, score
		}
	}
	return best.cm, best.name
}

// readsAs reports whether text decoded with an East Asian encoding looks
// like its language: its own characters outnumber Latin letters (a
// Western text misread holds a few Hangul among many), Japanese mixes in
// kana, Korean is mostly Hangul, Chinese mostly Han, and none holds
// undecodable bytes.
func readsAs(label, text string) bool {
	var latin, han, kana, hangul, other int
	for _, r := range text {
		switch {
		case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			latin++
		case r < 0x80, r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef && r != utf8.RuneError:
			// ASCII, CJK and full-width punctuation
		case r == utf8.RuneError:
			return false
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		default:
			other++
		}
	}
	n := han + kana + hangul + other
	if n == 0 || n < latin {
		return false
	}
	switch label {
	case "euc-jp", "shift_jis", "iso-2022-jp":
		return kana*5 >= n && hangul == 0 && other*10 <= n
	case "euc-kr":
		return hangul*10 >= n*8 && kana == 0 && other*10 <= n
	}
	return han*10 >= n*9 && hangul == 0
}
