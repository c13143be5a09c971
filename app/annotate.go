package app

import (
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app/anchor"
)

// Annotator makes, edits and re-attaches annotations.
type Annotator struct {
	Store   Store
	Analyst string           // default: DefaultAnalyst()
	Now     func() time.Time // default: time.Now
}

// AnnotateInput is a new annotation: where, and what it says.
type AnnotateInput struct {
	Article  ArticleID
	Revision int // 0: the latest
	Span
	Note  string
	Tags  []string
	Color string // palette name or #rrggbb; default: the first tag's colour, else yellow
}

func (an *Annotator) now() time.Time {
	if an.Now != nil {
		return an.Now().UTC().Truncate(time.Millisecond)
	}
	return time.Now().UTC().Truncate(time.Millisecond)
}

// Annotate stores a new annotation and returns it.
func (an *Annotator) Annotate(in AnnotateInput) (Annotation, error) {
	rev, err := an.Store.FindRevision(in.Article, in.Revision)
	if err != nil {
		return Annotation{}, err
	}
	sel, err := in.Span.locate(anchor.NewText(rev.Body))
	if err != nil {
		return Annotation{}, WrapError(ErrorCode(err), err, "article %d revision %d", in.Article, rev.Number)
	}
	tags, err := NormalizeTags(in.Tags)
	if err != nil {
		return Annotation{}, err
	}
	color, err := AnnotationColor(an.Store, in.Color, tags)
	if err != nil {
		return Annotation{}, err
	}
	analyst := an.Analyst
	if analyst == "" {
		analyst = DefaultAnalyst()
	}
	now := an.now()
	return an.Store.SaveAnnotation(Annotation{
		Article:  in.Article,
		Revision: rev.Number,
		Selector: sel,
		Status:   anchor.Anchored,
		Note:     strings.TrimSpace(in.Note),
		Tags:     tags,
		Color:    color,
		Analyst:  analyst,
		Created:  now,
		Modified: now,
	})
}

// AnnotationColor is the colour a new annotation with these tags takes:
// the requested one (a palette name or #rrggbb), else its first tag's,
// else DefaultColor.
func AnnotationColor(st interface {
	FindTag(path string) (Tag, error)
}, requested string, tags []string) (string, error) {
	if requested != "" {
		return ParseColor(requested)
	}
	if len(tags) > 0 {
		if t, err := st.FindTag(tags[0]); err == nil && t.Color != "" {
			return t.Color, nil
		}
	}
	return DefaultColor, nil
}

// Edit says what to change; nil fields stay as they are.
type Edit struct {
	Note       *string
	Tags       *[]string // replaces the tags
	AddTags    []string
	RemoveTags []string
	Color      *string
}

// Edit changes an annotation's note, tags or colour.
func (an *Annotator) Edit(id AnnotationID, e Edit) (Annotation, error) {
	a, err := an.Store.FindAnnotation(id)
	if err != nil {
		return a, err
	}
	if e.Note != nil {
		a.Note = strings.TrimSpace(*e.Note)
	}
	if e.Tags != nil {
		a.Tags = *e.Tags
	}
	a.Tags = append(a.Tags, e.AddTags...)
	if a.Tags, err = NormalizeTags(a.Tags); err != nil {
		return a, err
	}
	if len(e.RemoveTags) > 0 {
		remove, err := NormalizeTags(e.RemoveTags)
		if err != nil {
			return a, err
		}
		a.Tags = slices.DeleteFunc(a.Tags, func(t string) bool { return slices.Contains(remove, t) })
	}
	if e.Color != nil {
		if a.Color, err = ParseColor(*e.Color); err != nil {
			return a, err
		}
	}
	a.Modified = an.now()
	return an.Store.SaveAnnotation(a)
}

// Reattach moves an annotation (typically an orphan) to a span of the
// article's latest revision, keeping its note and tags.
func (an *Annotator) Reattach(id AnnotationID, sp Span) (Annotation, error) {
	a, err := an.Store.FindAnnotation(id)
	if err != nil {
		return a, err
	}
	rev, err := an.Store.FindRevision(a.Article, 0)
	if err != nil {
		return a, err
	}
	sel, err := sp.locate(anchor.NewText(rev.Body))
	if err != nil {
		return a, WrapError(ErrorCode(err), err, "article %d revision %d", a.Article, rev.Number)
	}
	a.History = append(a.History, Anchoring{Revision: a.Revision, Start: a.Start, End: a.End, Quote: a.Quote, Status: a.Status})
	a.Revision, a.Selector, a.Status = rev.Number, sel, anchor.Anchored
	a.Modified = an.now()
	return an.Store.SaveAnnotation(a)
}

// Delete removes an annotation and returns it as it was, for Restore.
func (an *Annotator) Delete(id AnnotationID) (Annotation, error) {
	return an.Store.DeleteAnnotation(id)
}

// Restore puts an annotation back exactly as it was stored, ID and all:
// the undo of an annotate, an edit, a delete or a re-attachment.
func (an *Annotator) Restore(a Annotation) (Annotation, error) {
	if a.ID == 0 {
		return a, Errorf(EINVALID, "cannot restore an annotation that was never stored")
	}
	return an.Store.SaveAnnotation(a)
}
