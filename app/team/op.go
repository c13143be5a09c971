package team

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
)

// Op is one change an analyst made, as it travels: the new state of one
// thing (only what changed), or a tag rename. Texts carries the revisions
// an article state adds, which no other op holds.
type Op struct {
	ID      string  `json:"id"` // 32 hex digits, random: JetStream drops a republished op by it
	Project string  `json:"project"`
	Analyst string  `json:"analyst"`
	At      Stamp   `json:"at"`
	State   *State  `json:"state,omitempty"`
	Texts   []Text  `json:"texts,omitempty"`
	Rename  *Rename `json:"rename,omitempty"`
}

// Text is one revision of an article.
type Text struct {
	app.Meta
	Body string `json:"body"`
}

// Draft is the text ready to store.
func (t Text) Draft() app.Draft { return app.Draft{Meta: t.Meta, Body: t.Body} }

func newOpID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// MaxSkew is how far ahead of this machine's clock an op may be stamped.
// A later stamp would win every conflict for as long as it is ahead, so
// an op from a badly set clock (or forged) is refused instead.
const MaxSkew = 10 * time.Minute

// Limits on one op: far above real work, low enough that a hostile
// stream cannot fill a replica.
const (
	maxKey   = app.MaxURILength
	maxTexts = 1000
	maxBody  = 8 << 20
)

var opID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Check refuses an op that is malformed, from another project, stamped
// by someone else than its analyst (who is the one its subject names), or
// stamped too far in the future. What it accepts can be applied.
func (op *Op) Check(project, subjectAnalyst string, now time.Time) error {
	if !opID.MatchString(op.ID) {
		return fmt.Errorf("op id %q is not 32 hex digits", app.Excerpt(op.ID, 40))
	}
	if op.Project != project {
		return fmt.Errorf("op %s belongs to project %q, not %q", op.ID, app.Excerpt(op.Project, 40), project)
	}
	if op.Analyst == "" || utf8.RuneCountInString(op.Analyst) > app.MaxAnalyst {
		return fmt.Errorf("op %s has no proper analyst", op.ID)
	}
	if op.Analyst != subjectAnalyst {
		return fmt.Errorf("op %s claims analyst %q but was published by %q", op.ID, app.Excerpt(op.Analyst, 40), subjectAnalyst)
	}
	if op.At.By != op.Analyst {
		return fmt.Errorf("op %s is stamped by %q, not its analyst", op.ID, app.Excerpt(op.At.By, 40))
	}
	if ahead := time.UnixMilli(op.At.Wall).Sub(now); ahead > MaxSkew {
		return fmt.Errorf("op %s is stamped %s ahead of this machine's clock (at most %s): check the sender's clock", op.ID, ahead.Round(time.Second), MaxSkew)
	}
	switch {
	case op.State != nil && op.Rename == nil:
		return op.checkState()
	case op.Rename != nil && op.State == nil && len(op.Texts) == 0:
		r := op.Rename
		if _, err := app.NormalizeTag(r.From); err != nil {
			return fmt.Errorf("op %s renames a bad tag: %w", op.ID, err)
		}
		if _, err := app.NormalizeTag(r.To); err != nil {
			return fmt.Errorf("op %s renames to a bad tag: %w", op.ID, err)
		}
		if r.At != op.At || r.From == r.To || app.TagWithin(r.To, r.From) {
			return fmt.Errorf("op %s is not a proper rename", op.ID)
		}
		return nil
	}
	return fmt.Errorf("op %s carries neither one state nor one rename", op.ID)
}

func (op *Op) checkState() error {
	s := op.State
	if !s.Kind.valid() {
		return fmt.Errorf("op %s: unknown kind %q", op.ID, app.Excerpt(string(s.Kind), 40))
	}
	if s.Key == "" || len(s.Key) > maxKey {
		return fmt.Errorf("op %s: the %s's key is empty or too long", op.ID, s.Kind)
	}
	if s.Empty() {
		return fmt.Errorf("op %s changes nothing", op.ID)
	}
	// Everything the op writes is the analyst's, at the op's stamp; a cut
	// names the add it saw, which may be anyone's.
	own := func(t Stamp) bool { return t.IsZero() || t == op.At }
	if !own(s.Born) || !own(s.Dead) {
		return fmt.Errorf("op %s: a creation or deletion is not stamped as the op", op.ID)
	}
	for name, f := range s.Fields {
		if f.At != op.At || !json.Valid(f.V) {
			return fmt.Errorf("op %s: field %q is not stamped as the op or not JSON", op.ID, name)
		}
	}
	for name, set := range s.Sets {
		for v, e := range set {
			if !own(e.Add) || e.Cut.After(op.At) || v == "" {
				return fmt.Errorf("op %s: member %q of %q is not stamped as the op", op.ID, app.Excerpt(v, 40), name)
			}
		}
	}
	if len(op.Texts) > 0 && s.Kind != ArticleKind || len(op.Texts) > maxTexts {
		return fmt.Errorf("op %s carries texts it should not", op.ID)
	}
	for _, t := range op.Texts {
		if len(t.Body) > maxBody {
			return fmt.Errorf("op %s: a text of %d bytes is too large", op.ID, len(t.Body))
		}
		if h := app.ContentHash(t.Title, t.Body); h != t.Hash {
			return fmt.Errorf("op %s: a text's hash %s does not match its content", op.ID, app.Excerpt(t.Hash, 16))
		}
		if _, ok := s.Sets[setRevs][t.Hash]; !ok {
			return fmt.Errorf("op %s: a text is not one of the article's revisions", op.ID)
		}
	}
	return nil
}

// Subject is where an analyst publishes a project's ops. An analyst's
// name becomes one subject token: kept when it is letters, digits, - and
// _, and does not start with x; otherwise x and its hex (spaces and dots
// cannot be in a token).
func Subject(project, analyst string) string {
	return SubjectPrefix(project) + token(analyst)
}

// SubjectPrefix is the start of every subject of a project.
func SubjectPrefix(project string) string { return "parallax." + token(project) + "." }

var plainToken = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func token(s string) string {
	if plainToken.MatchString(s) && !strings.HasPrefix(s, "x") {
		return s
	}
	return "x" + hex.EncodeToString([]byte(s))
}

// AnalystOf decodes the analyst a subject names; false if the subject
// is not one of the project's.
func AnalystOf(project, subject string) (string, bool) {
	t, ok := strings.CutPrefix(subject, SubjectPrefix(project))
	if !ok || t == "" || strings.Contains(t, ".") {
		return "", false
	}
	if h, ok := strings.CutPrefix(t, "x"); ok {
		b, err := hex.DecodeString(h)
		return string(b), err == nil && utf8.Valid(b) && len(b) > 0
	}
	return t, plainToken.MatchString(t)
}

// StreamName is the JetStream stream that holds a project's ops.
func StreamName(project string) string { return "PARALLAX_" + token(project) }
