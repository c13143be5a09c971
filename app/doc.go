// Package app is Parallax's domain: the types an analyst works with
// (articles and their revisions, annotations, tags), its errors, the
// ports a store implements (ArticleStore, AnnotationStore, TagStore,
// BulkStore, Reader) and the rules every store must follow, as pure
// functions it calls inside its transactions: how a draft is classified
// (ClassifyDraft, AddRevision), how annotations move to a new revision
// (Reanchor), how tag paths are normalised (NormalizeTag).
//
// The services live beside it, one package each: importer (files,
// feeds and saved pages in), search, compare, exchange (W3C, REFI-QDA,
// CSV, Markdown), quickopen. Annotator, here, makes and edits
// annotations. Nothing under app imports Fyne or Badger.
package app
