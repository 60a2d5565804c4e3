import Foundation

/// `/console/ec2/key-pairs`: list, create (the private key is shown once, on the page that answers
/// the POST, never through a redirect or URL), import a public key, delete.
struct EC2KeyPairPages: Sendable {
    struct Row: Sendable {
        var name: String
        var id: String
        var type: String
        var fingerprint: String
        var created: String
    }

    /// A key pair just created: its private key, shown this once.
    struct Created: Sendable {
        var name: String
        var material: String
        var filename: String
    }

    struct Model: Sendable {
        var layout: ConsoleLayout
        var loaded: Bool
        var rows: [Row]
        var created: Created?
        var keyName: String
        var keyTypes: [Option]
        var keyFormats: [Option]
        var importName: String
        var importKey: String
    }

    /// The form's values, echoed back when a call fails.
    struct Entered: Sendable {
        var keyName = ""
        var keyType = "rsa"
        var keyFormat = "pem"
        var importName = ""
        var importKey = ""
    }

    static let title = "Key pairs"
    static let base = "/console/ec2/key-pairs"

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (path.first, page.isPost, path.count) {
        case (nil, false, _): return await list(page.layout(Self.title, section: "ec2"))
        case ("create", true, 1): return await create()
        case ("import", true, 1): return await importKey()
        case ("delete", true, 1): return await delete()
        default: return EC2Pages.notFound(page)
        }
    }

    func list(_ layout: ConsoleLayout, entered: Entered = Entered(), created: Created? = nil,
              status: Int = 200) async -> ConsoleResult {
        var model = Model(layout: layout, loaded: false, rows: [], created: created, keyName: entered.keyName,
                          keyTypes: EC2Pages.mark([Option("rsa", "RSA"), Option("ed25519", "ED25519")], entered.keyType),
                          keyFormats: EC2Pages.mark([Option("pem", ".pem (OpenSSH)"), Option("ppk", ".ppk (PuTTY)")],
                                                         entered.keyFormat),
                          importName: entered.importName, importKey: entered.importKey)
        do {
            let response = try await page.client.call(.ec2, "DescribeKeyPairs")
            model.rows = response.list("keySet").map { item in
                Row(name: EC2XML.value(item, "keyName"), id: EC2XML.value(item, "keyPairId"), type: EC2XML.value(item, "keyType"),
                    fingerprint: EC2XML.value(item, "keyFingerprint"), created: EC2XML.time(EC2XML.value(item, "createTime")))
            }
            model.loaded = true
        } catch {
            model.layout.show(error)
            return .page("ec2-key-pairs", model, status: max(status, EC2Pages.status(for: error)))
        }
        return .page("ec2-key-pairs", model, status: status)
    }

    func create() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let field = page.request.field
        let entered = Entered(keyName: field("key_name"), keyType: field("key_type"), keyFormat: field("key_format"))
        let response: XMLNode
        do {
            response = try await page.client.call(.ec2, "CreateKeyPair", [("KeyName", entered.keyName), ("KeyType", entered.keyType),
                                                                           ("KeyFormat", entered.keyFormat)])
        } catch {
            layout.show(error)
            return await list(layout, entered: entered, status: EC2Pages.status(for: error))
        }
        let name = EC2XML.value(response, "keyName")
        layout.notice = "Created key pair \(name). Download the private key file now: this is the only time it is shown."
        let created = Created(name: name, material: EC2XML.value(response, "keyMaterial"),
                              filename: name + (entered.keyFormat == "ppk" ? ".ppk" : ".pem"))
        return await list(layout, created: created)
    }

    /// ImportKeyPair takes the OpenSSH public key text base64-encoded (botocore encodes blobs).
    func importKey() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let entered = Entered(importName: page.request.field("import_name"), importKey: page.request.field("public_key"))
        let material = Data(entered.importKey.trimmingCharacters(in: .whitespacesAndNewlines).utf8).base64EncodedString()
        do {
            try await page.client.call(.ec2, "ImportKeyPair", [("KeyName", entered.importName), ("PublicKeyMaterial", material)])
        } catch {
            layout.show(error)
            return await list(layout, entered: entered, status: EC2Pages.status(for: error))
        }
        return page.redirect(Self.base, notice: "Imported key pair \(entered.importName)")
    }

    func delete() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let id = page.request.field("key_pair_id"), name = page.request.field("key_name")
        guard !id.isEmpty else {
            layout.error = "Choose a key pair to delete."
            return await list(layout, status: 400)
        }
        do {
            try await page.client.call(.ec2, "DeleteKeyPair", [("KeyPairId", id)])
        } catch {
            layout.show(error)
            return await list(layout, status: EC2Pages.status(for: error))
        }
        return page.redirect(Self.base, notice: "Deleted key pair \(name.isEmpty ? id : name)")
    }
}
