"""``rejoinder import``: real threads from their platforms' API responses into transcripts.

One module per platform (``bluesky``, ``mastodon``, ``hackernews``, ``reddit``, ``x``), each with
``convert(data, options) -> Imported`` (pure) and ``fetch(address, get) -> data`` (the requests
to make for a web address, through the ``get`` it is handed). See :mod:`.base`.
"""
