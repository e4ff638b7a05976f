package main

import "os"

const apiToken = "@@token@@"

var dbPassword = os.Getenv("DB_PASSWORD")

func main() {
	tokenHeader := "X-Api-Token"
	_ = tokenHeader
}
