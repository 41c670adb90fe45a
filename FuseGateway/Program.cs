// Placeholder entry point; the gateway host is assembled in FileSystem/ and Hosting/.
return 0;
