"""Structure: Document blocks -> header, sections, item tree, directive fields."""
