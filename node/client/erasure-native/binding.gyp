{
  "targets": [
    {
      "target_name": "erasure",
      "sources": ["erasure.c"],
      "cflags": ["-std=c11", "-O3"]
    }
  ]
}
