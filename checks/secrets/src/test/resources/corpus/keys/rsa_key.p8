@@pem_encrypted@@
