package app

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tag is one node of the hierarchical tag set: "actor/russia/kremlin" sits
// below "actor/russia", which sits below "actor".
type Tag struct {
	Path        string `json:"path"`
	Color       string `json:"color,omitempty"`
	Description string `json:"description,omitempty"`
}

// Name is the last segment of the path.
func (t Tag) Name() string { return t.Path[strings.LastIndexByte(t.Path, '/')+1:] }

// Parent is the path of the tag above, "" at the top.
func (t Tag) Parent() string {
	if i := strings.LastIndexByte(t.Path, '/'); i >= 0 {
		return t.Path[:i]
	}
	return ""
}

// TagInfo is a tag with how often it is used directly (not counting the
// tags below it).
type TagInfo struct {
	Tag
	Articles    int `json:"articles"`
	Annotations int `json:"annotations"`
}

// TagChange reports what a rename, merge or delete touched.
type TagChange struct {
	Tags        []string `json:"tags"` // the paths changed, children included
	Articles    int      `json:"articles"`
	Annotations int      `json:"annotations"`
	Memos       int      `json:"memos"` // memos on the tags: moved by a rename, deleted with the tag
}

// TagStore keeps the tag set and the tags on articles. Renames, merges and
// deletes rewrite every use, in steps when a tag has thousands of them: a
// change cut short is finished when the store next opens.
type TagStore interface {
	// Tags lists every tag in path order, with use counts.
	Tags() ([]TagInfo, error)
	// FindTag returns one tag's definition, or ENOTFOUND.
	FindTag(path string) (Tag, error)
	// SaveTag creates or updates a tag's colour and description.
	SaveTag(t Tag) error
	// TagArticle and UntagArticle change an article's tags.
	TagArticle(id ArticleID, tags []string) (Article, error)
	UntagArticle(id ArticleID, tags []string) (Article, error)
	// SetArticleTags makes an article's tags exactly tags, at once.
	SetArticleTags(id ArticleID, tags []string) (Article, error)
	// RenameTag moves a tag and everything below it. With merge, the new
	// path may already exist and the uses are joined; without, that is a
	// conflict.
	RenameTag(from, to string, merge bool) (TagChange, error)
	// TagUsage counts the uses of a tag and everything below it.
	TagUsage(path string) (TagChange, error)
	// DeleteTag removes a tag and everything below it from every article
	// and annotation.
	DeleteTag(path string) (TagChange, error)
}

// MaxTagLength bounds a tag path, in characters: a code book's paths
// are a few words; a longer "tag" is text pasted by mistake.
const MaxTagLength = 200

// NormalizeTag trims each segment of a tag path and collapses its white
// space: " Actor / Russia " → "Actor/Russia". Empty segments and control
// characters are errors.
func NormalizeTag(s string) (string, error) {
	segs := strings.Split(strings.TrimSpace(s), "/")
	for i, seg := range segs {
		seg = strings.Join(strings.Fields(seg), " ")
		if seg == "" {
			return "", Errorf(EINVALID, "tag %q: empty segment (use paths like actor/russia/kremlin)", s)
		}
		if strings.IndexFunc(seg, unicode.IsControl) >= 0 {
			return "", Errorf(EINVALID, "tag %q: control characters are not allowed", s)
		}
		segs[i] = NormalizeParagraph(seg)
	}
	tag := strings.Join(segs, "/")
	if n := utf8.RuneCountInString(tag); n > MaxTagLength {
		return "", Errorf(EINVALID, "tag %q: too long (%d characters; at most %d)", Excerpt(tag, 40), n, MaxTagLength)
	}
	return tag, nil
}

// NormalizeTags normalises each tag and drops duplicates, keeping order.
func NormalizeTags(tags []string) ([]string, error) {
	var out []string
	for _, t := range tags {
		n, err := NormalizeTag(t)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// SplitTags splits a comma-separated list of tags as typed ("actor/russia,
// claim"), dropping blanks; NormalizeTags checks them.
func SplitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// TagWithin reports whether tag is root or below it.
func TagWithin(tag, root string) bool {
	return tag == root || strings.HasPrefix(tag, root+"/")
}

// TagAncestors returns the paths above tag, top first: a/b/c → a, a/b.
func TagAncestors(tag string) []string {
	var out []string
	for i := 0; i < len(tag); i++ {
		if tag[i] == '/' {
			out = append(out, tag[:i])
		}
	}
	return out
}
