"""One reader for every table the program takes in (DATA-FORMAT.md G): unit figures, police e-ID
figures, nominations, packages and the portal's reports. ``source`` turns a file into rows (CSV
encodings, the visible sheet, limits), ``legacy`` converts TCVN3 / VNI text, ``layout`` finds the
table on the sheet, ``columns`` maps columns to fields, ``table`` puts them together."""
